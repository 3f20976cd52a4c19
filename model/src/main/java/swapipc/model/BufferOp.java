package swapipc.model;

/**
 * A command on an IpcUnit endpoint's BufferPort: software's own access to the pool by reference
 * (the seed's Figs. 6 and 7 as a processor runs them). The code is what the RTL takes on cmd.op.
 */
public enum BufferOp {
    /** Allocate a buffer for this endpoint (fail-fast); the answer carries its reference. */
    CLAIM,
    /** Read word {@code offset} of a claimed buffer. */
    READ,
    /** Write word {@code offset} of a claimed buffer. */
    WRITE,
    /** Give a claimed buffer back (zeroized first when the unit zeroizes). */
    FREE,
    /**
     * The seed's atomic swap on one flag, as software runs Fig. 6: swap a 0 into the flag of buffer
     * {@code ref} and answer OK (the flag was 1: the buffer is now this endpoint's) or NONE (it was 0,
     * or senders wait for a buffer: a take never overtakes them).
     */
    TAKE;

    public static final int BITS = 3;

    public int code() { return ordinal(); }
}
