package swapipc.model;

/**
 * Messages the KernelBroker refuses: it frees their buffer, forwards nothing and sets the sticky
 * bit {@link #bit()} of its `errFlags`.
 */
public enum BrokerError {
    /** A RETURN from a client, or a CALL from a server. */
    WRONG_KIND,
    /** A server's RETURN whose tag names no call that server is executing. */
    NO_CALL;

    public int bit() { return ordinal(); }

    public int mask() { return 1 << ordinal(); }
}
