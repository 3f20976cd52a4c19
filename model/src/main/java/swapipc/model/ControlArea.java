package swapipc.model;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The seed's control area (Fig. 5) as a thread-safe software object: a count of buffers, one
 * allocation flag per buffer (1 = free, 0 = allocated) and the buffer references. Every change
 * of a flag is an atomic swap ({@link AtomicIntegerArray#getAndSet}), the seed's claim 5, so any
 * number of threads may allocate and free concurrently and no buffer is ever granted twice.
 *
 * <p>Allocation order is the RTL's: LOWEST_FREE claims the lowest free flag, SCAN swaps flags
 * from index 0 upwards exactly as Fig. 6 does. Bad requests leave every flag unchanged and are
 * counted per {@link ErrorKind}.
 */
public final class ControlArea {
    public static final int FREE = 1;
    public static final int ALLOCATED = 0;

    private final Config cfg;
    private final AtomicIntegerArray flags;
    private final AtomicLongArray errors = new AtomicLongArray(ErrorKind.values().length);
    private volatile int count;

    /** A control area right after Fig. 8 has run: count = n, every flag free. */
    public ControlArea(Config cfg) {
        this.cfg = cfg;
        this.flags = new AtomicIntegerArray(cfg.buffers());
        initialize();
    }

    public Config config() { return cfg; }

    /** Fig. 8: count = n, then every flag set to 1 (free). Buffers still allocated are reclaimed. */
    public void initialize() {
        count = cfg.buffers();
        for (int i = 0; i < cfg.buffers(); i++) {
            flags.set(i, FREE);
        }
    }

    /** Fig. 5 item 501: the number of buffers the control area references. */
    public int count() { return count; }

    /** The atomic swap of claim 5: flag[index] takes {@code value}; the old flag is returned. */
    public int swap(int index, int value) {
        return flags.getAndSet(index, value);
    }

    public int flag(int index) { return flags.get(index); }

    /** Buffers whose flag reads free now (a snapshot while other threads run). */
    public int freeCount() {
        int free = 0;
        for (int i = 0; i < cfg.buffers(); i++) free += flags.get(i);
        return free;
    }

    /** Outcome of {@link #allocate}: status, and index/ref when OK (0 otherwise, as the RTL drives). */
    public record Allocation(AllocStatus status, int index, long ref) {
        static final Allocation NONE = new Allocation(AllocStatus.NONE, 0, 0);
        static final Allocation ERROR = new Allocation(AllocStatus.ERROR, 0, 0);
    }

    /** Fig. 6: claims a buffer able to hold {@code bytes}, by the configured policy. */
    public Allocation allocate(int bytes) {
        if (bytes < 0 || bytes > cfg.bufferBytes()) {
            errors.incrementAndGet(ErrorKind.SIZE.ordinal());
            return Allocation.ERROR;
        }
        boolean scan = cfg.allocPolicy() == AllocPolicy.SCAN;
        for (int i = 0; i < cfg.buffers(); i++) {
            // LOWEST_FREE reads before it swaps (test-and-test-and-set); SCAN swaps every flag as Fig. 6 does.
            if ((scan || flags.get(i) == FREE) && swap(i, ALLOCATED) == FREE) {
                return new Allocation(AllocStatus.OK, i, cfg.ref(i));
            }
        }
        return Allocation.NONE;
    }

    /** Fig. 7: returns the buffer at {@code ref} to the pool. */
    public FreeStatus free(long ref) {
        int index = cfg.indexOf(ref);
        if (index < 0) {
            errors.incrementAndGet(ErrorKind.INVALID_REF.ordinal());
            return FreeStatus.INVALID_REF;
        }
        if (swap(index, FREE) == FREE) {
            // Writing 1 over 1 changed nothing: the state is as it was before the bad request.
            errors.incrementAndGet(ErrorKind.DOUBLE_FREE.ordinal());
            return FreeStatus.DOUBLE_FREE;
        }
        return FreeStatus.OK;
    }

    /** Bad requests of one kind seen since construction. */
    public long errors(ErrorKind kind) { return errors.get(kind.ordinal()); }
}
