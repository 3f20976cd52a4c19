package swapipc.sim.bus;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.SplittableRandom;

/**
 * What the APB3 and Wishbone masters share: one access at a time, in program order, with a random
 * gap of up to {@code maxDelay} idle cycles after each (none: back to back). Subclasses drive the
 * bus's signals for {@link #current} and call {@link #finish} when the slave answers.
 */
abstract class SerialMaster implements BusMaster {
    protected final String name;
    private final SplittableRandom rnd;
    private final Deque<BusAccess> queued = new ArrayDeque<>();
    /** The access on the bus, or null. */
    protected BusAccess current;
    private int maxDelay;
    private int gap;

    SerialMaster(String name, long seed) {
        this.name = name;
        this.rnd = new SplittableRandom(seed);
    }

    /** Refuses an access this bus cannot express (IllegalArgumentException). */
    protected abstract void check(BusAccess a);

    @Override
    public BusAccess read(int address) {
        return enqueue(new BusAccess(false, address, 0, 0xF));
    }

    @Override
    public BusAccess write(int address, int data, int strobes) {
        return enqueue(new BusAccess(true, address, data, strobes));
    }

    private BusAccess enqueue(BusAccess a) {
        check(a);
        queued.add(a);
        return a;
    }

    @Override
    public void jitter(double readyChance, int maxDelay) {
        this.maxDelay = maxDelay;
    }

    @Override
    public boolean idle() {
        return queued.isEmpty() && current == null;
    }

    /** Puts the next access on the bus when the gap after the last one is over; true if it did. */
    protected boolean startNext(long cycle) {
        if (current != null || queued.isEmpty()) return false;
        if (gap > 0) {
            gap--;
            return false;
        }
        current = queued.poll();
        current.issued = cycle;
        return true;
    }

    /** The slave answered the current access. */
    protected void finish(boolean error, int data, long cycle) {
        current.done = true;
        current.error = error;
        current.result = current.write ? 0 : data;
        current.finished = cycle;
        current = null;
        gap = maxDelay == 0 ? 0 : rnd.nextInt(maxDelay + 1);
    }
}
