package swapipc.model;

/** The first byte after a UART bridge response's sync: what became of the request frame. */
public enum BridgeStatus {
    /** Every access of the frame was done (and, for reads, its words follow). */
    OK("every access done"),
    /** The register core refused access number `done` (its ERR register says why); the ones before it were done. */
    BUS_ERROR("the register core refused an access"),
    /** Not a frame: a byte other than the sync where a frame starts, an unknown operation, a word count outside 1..MAX_BURST, a wrong check byte or a UART stop bit low. Nothing was done. */
    BAD_FRAME("malformed frame"),
    /** The line was idle for longer than the timeout inside a frame. Nothing was done. */
    TIMEOUT("frame interrupted"),
    /** No such endpoint, an unaligned address, or a burst that leaves the endpoint's address space. Nothing was done. */
    BAD_ADDRESS("address outside the endpoint's slave");

    public static final int BITS = 3;
    public final String meaning;

    BridgeStatus(String meaning) { this.meaning = meaning; }

    public int code() { return ordinal(); }

    public static BridgeStatus ofCode(int code) {
        if (code < 0 || code >= values().length) throw new IllegalArgumentException("no bridge status " + code);
        return values()[code];
    }
}
