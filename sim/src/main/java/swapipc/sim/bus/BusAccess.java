package swapipc.sim.bus;

/** One bus access and, once {@link #done}, its answer. Filled in by the {@link BusMaster} that runs it. */
public final class BusAccess {
    final boolean write;
    final int address;
    final int data;
    final int strobes;
    /** Cycles before the master offers the access (AXI: the address channel), and AXI's data channel. */
    int awDelay;
    int wDelay;
    /** AXI: which of AW and W have been taken. */
    boolean awDone;
    boolean wDone;
    boolean done;
    int result;
    boolean error;
    long issued;
    long finished;

    BusAccess(boolean write, int address, int data, int strobes) {
        this.write = write;
        this.address = address;
        this.data = data;
        this.strobes = strobes;
    }

    public boolean done() { return done; }

    /** The word read (0 for a write). */
    public int data() { return result; }

    /** The slave answered SLVERR. */
    public boolean error() { return error; }

    /** Cycles from the first offer to the response. */
    public long latency() { return finished - issued; }

    @Override
    public String toString() {
        return (write ? String.format("write 0x%03x <- 0x%08x", address, data) : String.format("read 0x%03x", address))
            + (done ? (error ? " = SLVERR" : write ? " = OKAY" : String.format(" = 0x%08x", result)) : " (pending)");
    }
}
