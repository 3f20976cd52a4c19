package swapipc.model;

/** The IpcUnit's answer to a send command. The code is what the RTL drives on sendRsp.status. */
public enum SendStatus {
    /** Accepted: pooled messages got a buffer (the answer carries its index); inline ones need none. */
    OK,
    /** Fail-fast send and no buffer free (or earlier waiters are queued for the next one). */
    NONE,
    /** More argument bytes than a buffer holds after the header (the allocator's ERROR). */
    TOO_LONG,
    /** The destination is not an endpoint of this unit. */
    BAD_DEST;

    public static final int BITS = 2;

    public int code() { return ordinal(); }

    public static SendStatus ofCode(int code) {
        if (code < 0 || code >= values().length) throw new IllegalArgumentException("no send status has code " + code);
        return values()[code];
    }
}
