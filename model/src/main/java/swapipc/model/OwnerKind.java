package swapipc.model;

/**
 * Who holds a buffer, as the IpcUnit's OwnerTable records it next to the owning endpoint. The
 * code is what the RTL drives in each entry of io.owners.
 */
public enum OwnerKind {
    /** Free (or being freed): nobody. */
    NONE,
    /**
     * A message's: the sender's from allocation, its receiver's once indicated, until it is freed
     * (by the receiver's CopyEngine; under ON_RETURN a CALL's by the caller's, when the reply arrives).
     */
    MESSAGE,
    /** Claimed on the endpoint's BufferPort: the only kind a BufferPort may read, write or free. */
    CLAIMED;

    public static final int BITS = 2;

    public int code() { return ordinal(); }

    public static OwnerKind ofCode(int code) {
        if (code < 0 || code >= values().length) throw new IllegalArgumentException("no owner kind has code " + code);
        return values()[code];
    }
}
