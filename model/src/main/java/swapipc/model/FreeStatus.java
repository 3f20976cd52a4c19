package swapipc.model;

/** Answer to a free request (Fig. 7). The code is what the RTL drives on its status port. */
public enum FreeStatus {
    /** The flag was set back to 1: step 718. */
    OK(0),
    /** The reference is not the start of a buffer of this pool: steps 708/710 find no match. */
    INVALID_REF(1),
    /** The buffer was already free; the flag is left as it was. */
    DOUBLE_FREE(2);

    public static final int BITS = 2;
    private final int code;

    FreeStatus(int code) { this.code = code; }

    public int code() { return code; }

    public static FreeStatus ofCode(int code) {
        for (FreeStatus s : values()) {
            if (s.code == code) return s;
        }
        throw new IllegalArgumentException("no free status has code " + code);
    }
}
