package swapipc.model;

/** Answer to an allocate request (Fig. 6). The code is what the RTL drives on its status port. */
public enum AllocStatus {
    /** A buffer was claimed: step 618 returns its reference. */
    OK(0),
    /** No buffer is free: step 610. */
    NONE(1),
    /** The request is out of range (asks for more bytes than a buffer holds): step 606. */
    ERROR(2);

    public static final int BITS = 2;
    private final int code;

    AllocStatus(int code) { this.code = code; }

    public int code() { return code; }

    public static AllocStatus ofCode(int code) {
        for (AllocStatus s : values()) {
            if (s.code == code) return s;
        }
        throw new IllegalArgumentException("no allocate status has code " + code);
    }
}
