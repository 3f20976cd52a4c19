package swapipc.model;

/**
 * What a refused bus access did wrong: one bit each in an endpoint's ERR register. Every such
 * access gets the bus's error response (SLVERR, PSLVERR, ERR) and changes nothing but ERR and
 * ERR_COUNT. {@link #bit()} is the register bit.
 */
public enum BusError {
    /** No register at this address (a hole in the map, or past the end of a window). */
    BAD_ADDRESS("no register at this address"),
    /** A write to a read-only register. */
    READ_ONLY("write to a read-only register"),
    /** A write with some byte strobes off: every register and window takes whole words. */
    PARTIAL_WRITE("write of less than a whole word"),
    /** SEND_GO while this endpoint's previous send still waits for its answer or its data. */
    SEND_BUSY("SEND_GO while a send is under way"),
    /** SEND_DATA with no word expected: no send under way, or all its words written. */
    NO_SEND("SEND_DATA with no send expecting a word"),
    /** RX_HDR0/1, RX_DATA or RX_RELEASE with no message presented. */
    RX_EMPTY("receive access with no message presented"),
    /** FREE or a pool-window access naming a reference that is not a buffer start of the pool. */
    INVALID_REF("reference is not a buffer of the pool"),
    /** FREE of a buffer that is already free. */
    DOUBLE_FREE("free of a buffer that is free"),
    /** FREE or a pool-window access to a buffer this endpoint has not claimed. */
    FOREIGN("buffer not claimed by this endpoint");

    private final String meaning;

    BusError(String meaning) { this.meaning = meaning; }

    public String meaning() { return meaning; }

    public int bit() { return ordinal(); }

    public int mask() { return 1 << ordinal(); }

    /** The error a refused BufferPort answer stands for, or null for OK and NONE. */
    public static BusError of(AccessStatus s) {
        return switch (s) {
            case INVALID_REF -> INVALID_REF;
            case DOUBLE_FREE -> DOUBLE_FREE;
            case FOREIGN -> FOREIGN;
            // Unreachable from the bus (the pool window is one buffer wide) but named for what it is.
            case OUT_OF_RANGE -> BAD_ADDRESS;
            case OK, NONE -> null;
        };
    }
}
