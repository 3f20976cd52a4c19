package swapipc.model;

/**
 * The pins of the ControlArea top for one clock cycle, grouped by channel. Inputs are what a
 * test bench drives before the rising edge; outputs are what the block shows in that cycle.
 * Arrays are indexed by requester port.
 */
public final class CyclePins {
    // Inputs.
    public final boolean[] allocValid;
    public final int[] allocBytes;
    public final boolean[] allocRspReady;
    public final boolean[] freeValid;
    public final long[] freeRef;
    public final boolean[] freeRspReady;
    public boolean reset;
    public boolean reinit;
    public boolean errClear;

    // Outputs.
    public final boolean[] allocReady;
    public final boolean[] allocRspValid;
    public final int[] allocRspStatus;
    public final int[] allocRspIndex;
    public final long[] allocRspRef;
    public final boolean[] freeReady;
    public final boolean[] freeRspValid;
    public final int[] freeRspStatus;
    public boolean initDone;
    public int count;
    public int freeCount;
    public final boolean[] flags;
    public int errFlags;
    public int errCount;

    public CyclePins(Config cfg) {
        int p = cfg.ports();
        allocValid = new boolean[p];
        allocBytes = new int[p];
        allocRspReady = new boolean[p];
        freeValid = new boolean[p];
        freeRef = new long[p];
        freeRspReady = new boolean[p];
        allocReady = new boolean[p];
        allocRspValid = new boolean[p];
        allocRspStatus = new int[p];
        allocRspIndex = new int[p];
        allocRspRef = new long[p];
        freeReady = new boolean[p];
        freeRspValid = new boolean[p];
        freeRspStatus = new int[p];
        flags = new boolean[cfg.buffers()];
    }
}
