package swapipc.model;

/** The answer to a {@link BufferOp}. The code is what the RTL drives on the BufferPort's rsp.status. */
public enum AccessStatus {
    OK,
    /** CLAIM: no buffer free, or senders wait for one (a claim never overtakes them). */
    NONE,
    /** The reference is not the start of a buffer of this pool. */
    INVALID_REF,
    /** FREE of a buffer that is free already. */
    DOUBLE_FREE,
    /** READ or WRITE of a buffer this endpoint has not claimed (a message's, another endpoint's, or a free one); FREE of an allocated one. */
    FOREIGN,
    /** READ or WRITE of a word at or past bufferWords. */
    OUT_OF_RANGE;

    public static final int BITS = 3;

    public int code() { return ordinal(); }

    public static AccessStatus ofCode(int code) {
        if (code < 0 || code >= values().length) throw new IllegalArgumentException("no access status has code " + code);
        return values()[code];
    }

    /** The error this status latches in the IpcUnit's error status, or null. */
    public ErrorKind error() {
        return switch (this) {
            case INVALID_REF -> ErrorKind.INVALID_REF;
            case DOUBLE_FREE -> ErrorKind.DOUBLE_FREE;
            case FOREIGN -> ErrorKind.FOREIGN;
            case OUT_OF_RANGE -> ErrorKind.OUT_OF_RANGE;
            default -> null;
        };
    }
}
