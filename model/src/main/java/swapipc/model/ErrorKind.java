package swapipc.model;

/** Kinds of bad request latched in the sticky error status; {@link #bit()} is the RTL flag bit. */
public enum ErrorKind {
    /** An allocate request asked for more than bufferBytes (answered {@link AllocStatus#ERROR}). */
    SIZE,
    /** A free named a reference that is not a buffer start of this pool. */
    INVALID_REF,
    /** A free named a buffer that was already free. */
    DOUBLE_FREE,
    /** IpcUnit BufferPort: a read, write or free of a buffer this endpoint has not claimed. */
    FOREIGN,
    /** IpcUnit BufferPort: a read or write past the end of a buffer. */
    OUT_OF_RANGE;

    /** Width of the sticky error count; it saturates at its maximum. */
    public static final int COUNT_BITS = 16;
    public static final int COUNT_MAX = (1 << COUNT_BITS) - 1;

    public int bit() { return ordinal(); }

    public int mask() { return 1 << ordinal(); }
}
