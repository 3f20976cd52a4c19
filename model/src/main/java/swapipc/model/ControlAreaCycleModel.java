package swapipc.model;

import java.util.Arrays;

/**
 * Cycle-accurate model of the ControlArea RTL: the same {@link ControlArea} semantics, plus the
 * timing of the hardware (the Fig. 8 walk after reset, the SCAN walk, and two stages per channel:
 * a request taken in cycle t is decided in t + 1, when its answer register is free or being
 * emptied, and answered from t + 2). freeCount shows the flags of the previous cycle, and the
 * error status takes in the errors decided in the previous cycle (both registered off the
 * decision paths). Call {@link #outputs} to see what the block shows this cycle, then
 * {@link #clock} for the edge.
 *
 * <p>Within one cycle the flag swaps take effect in a fixed order: the initializer, then the
 * free channels by port, then the allocate channels by port. Two frees of one buffer in the same
 * cycle give OK to the lower port and DOUBLE_FREE to the higher one, and a free of a free buffer
 * is a DOUBLE_FREE even when an allocation takes that buffer in the same cycle. LOWEST_FREE picks
 * from the flags as they were at the start of the cycle, so a buffer freed in cycle t is
 * allocatable from t+1; a SCAN swap learns the flag from the swap itself, after the frees. Here
 * "cycle" is the decision cycle.
 */
public final class ControlAreaCycleModel {
    private final Config cfg;
    private final ControlArea area;
    private final int n;

    private boolean initBusy = true;
    private int initIndex;
    private int count;
    private int freeCount;
    private int freeCountShown;

    private final boolean[] allocPending;
    private final int[] allocBytes;
    private final boolean[] freePending;
    private final long[] freeRef;
    private final boolean[] allocRspValid;
    private final int[] allocRspStatus;
    private final int[] allocRspIndex;
    private final boolean[] scanning;
    private final int[] scanIndex;
    private final boolean[] freeRspValid;
    private final int[] freeRspStatus;
    private int errFlags;
    private int errCount;
    private int pendingErrFlags;
    private int pendingErrEvents;

    public ControlAreaCycleModel(Config cfg) {
        this.cfg = cfg;
        this.n = cfg.buffers();
        this.area = new ControlArea(cfg);
        int p = cfg.ports();
        allocPending = new boolean[p];
        allocBytes = new int[p];
        freePending = new boolean[p];
        freeRef = new long[p];
        allocRspValid = new boolean[p];
        allocRspStatus = new int[p];
        allocRspIndex = new int[p];
        scanning = new boolean[p];
        scanIndex = new int[p];
        freeRspValid = new boolean[p];
        freeRspStatus = new int[p];
        reset();
    }

    /** The synchronous reset: every register to its reset value; flags allocated until the walk frees them. */
    private void reset() {
        initBusy = true;
        initIndex = 0;
        count = 0;
        freeCount = 0;
        freeCountShown = 0;
        for (int i = 0; i < n; i++) area.swap(i, ControlArea.ALLOCATED);
        Arrays.fill(allocPending, false);
        Arrays.fill(allocBytes, 0);
        Arrays.fill(freePending, false);
        Arrays.fill(freeRef, 0);
        Arrays.fill(allocRspValid, false);
        Arrays.fill(allocRspStatus, 0);
        Arrays.fill(allocRspIndex, 0);
        Arrays.fill(scanning, false);
        Arrays.fill(scanIndex, 0);
        Arrays.fill(freeRspValid, false);
        Arrays.fill(freeRspStatus, 0);
        errFlags = 0;
        errCount = 0;
        pendingErrFlags = 0;
        pendingErrEvents = 0;
    }

    /** Fills the output pins for the current cycle from the state and the inputs in {@code pins}. */
    public void outputs(CyclePins pins) {
        for (int p = 0; p < cfg.ports(); p++) {
            pins.allocReady[p] = !initBusy && (cfg.allocPolicy() == AllocPolicy.LOWEST_FREE
                ? !allocPending[p] || allocDecides(p, pins)
                : !allocPending[p] && allocDecides(p, pins)); // SCAN: only when idle
            pins.allocRspValid[p] = allocRspValid[p];
            pins.allocRspStatus[p] = allocRspStatus[p];
            pins.allocRspIndex[p] = allocRspIndex[p];
            pins.allocRspRef[p] = allocRspStatus[p] == AllocStatus.OK.code() ? cfg.ref(allocRspIndex[p]) : 0;
            pins.freeReady[p] = !initBusy && (!freePending[p] || freeDecides(p, pins));
            pins.freeRspValid[p] = freeRspValid[p];
            pins.freeRspStatus[p] = freeRspStatus[p];
        }
        pins.initDone = !initBusy;
        pins.count = count;
        pins.freeCount = freeCountShown;
        for (int i = 0; i < n; i++) pins.flags[i] = area.flag(i) == ControlArea.FREE;
        pins.errFlags = errFlags;
        pins.errCount = errCount;
    }

    /** The rising edge: applies this cycle's inputs. {@link #outputs} must have been called first. */
    public void clock(CyclePins pins) {
        if (pins.reset) {
            reset();
            return;
        }
        int events = 0;
        int newFlags = 0;
        freeCountShown = freeCount;
        boolean[] atStart = new boolean[n];
        for (int i = 0; i < n; i++) atStart[i] = area.flag(i) == ControlArea.FREE;
        // Decisions see the state at the start of the cycle: read them before anything changes.
        boolean[] freeDecides = new boolean[cfg.ports()];
        boolean[] allocDecides = new boolean[cfg.ports()];
        for (int p = 0; p < cfg.ports(); p++) {
            freeDecides[p] = freePending[p] && freeDecides(p, pins);
            allocDecides[p] = allocPending[p] && allocDecides(p, pins);
        }
        boolean hold = initBusy;
        if (initBusy) {
            count = n;
            swap(initIndex, ControlArea.FREE);
            if (initIndex == n - 1) initBusy = false;
            initIndex++;
        } else if (pins.reinit) {
            initBusy = true;
            initIndex = 0;
        }
        for (int p = 0; p < cfg.ports(); p++) {
            if (pins.freeRspValid[p] && pins.freeRspReady[p]) freeRspValid[p] = false;
            if (freeDecides[p]) {
                int index = cfg.indexOf(freeRef[p]);
                FreeStatus status;
                if (index < 0) {
                    status = FreeStatus.INVALID_REF;
                    newFlags |= ErrorKind.INVALID_REF.mask();
                    events++;
                } else if (swap(index, ControlArea.FREE) == ControlArea.FREE) {
                    status = FreeStatus.DOUBLE_FREE;
                    newFlags |= ErrorKind.DOUBLE_FREE.mask();
                    events++;
                } else {
                    status = FreeStatus.OK;
                }
                freeRspValid[p] = true;
                freeRspStatus[p] = status.code();
            }
            if (pins.freeValid[p] && pins.freeReady[p]) {
                freePending[p] = true;
                freeRef[p] = pins.freeRef[p];
            } else if (freeDecides[p]) {
                freePending[p] = false;
            }
        }
        for (int p = 0; p < cfg.ports(); p++) {
            if (pins.allocRspValid[p] && pins.allocRspReady[p]) allocRspValid[p] = false;
            boolean sizeOk = allocBytes[p] <= cfg.bufferBytes();
            if (allocDecides[p] && !sizeOk) {
                respond(p, AllocStatus.ERROR, 0);
                events++;
                newFlags |= ErrorKind.SIZE.mask();
            } else if (cfg.allocPolicy() == AllocPolicy.LOWEST_FREE) {
                if (allocDecides[p]) lowestFree(p, atStart);
            } else if (!hold && (allocDecides[p] || scanning[p])) {
                scanStep(p, scanning[p] ? scanIndex[p] : 0);
            }
            if (pins.allocValid[p] && pins.allocReady[p]) {
                allocPending[p] = true;
                allocBytes[p] = pins.allocBytes[p];
            } else if (allocDecides[p]) {
                allocPending[p] = false;
            }
        }
        if (pins.errClear) {
            errFlags = 0;
            errCount = 0;
        }
        errFlags |= pendingErrFlags;
        errCount = Math.min(ErrorKind.COUNT_MAX, errCount + pendingErrEvents);
        pendingErrFlags = newFlags;
        pendingErrEvents = events;
    }

    /** Whether port p's pending allocate request, if any, is decided this cycle: its answer register is free or being emptied. */
    private boolean allocDecides(int p, CyclePins pins) {
        return !initBusy && !scanning[p] && (!allocRspValid[p] || pins.allocRspReady[p]);
    }

    private boolean freeDecides(int p, CyclePins pins) {
        return !initBusy && (!freeRspValid[p] || pins.freeRspReady[p]);
    }

    /** The lowest flag free at the start of the cycle that no lower port has taken in it. */
    private void lowestFree(int p, boolean[] atStart) {
        for (int i = 0; i < n; i++) {
            if (atStart[i] && area.flag(i) == ControlArea.FREE) {
                swap(i, ControlArea.ALLOCATED);
                respond(p, AllocStatus.OK, i);
                return;
            }
        }
        respond(p, AllocStatus.NONE, 0);
    }

    /** One iteration of Fig. 6's loop: swap a 0 into flag {@code index} and look at what came out. */
    private void scanStep(int p, int index) {
        if (swap(index, ControlArea.ALLOCATED) == ControlArea.FREE) {
            respond(p, AllocStatus.OK, index);
            scanning[p] = false;
        } else if (index == n - 1) {
            respond(p, AllocStatus.NONE, 0);
            scanning[p] = false;
        } else {
            scanning[p] = true;
            scanIndex[p] = index + 1;
        }
    }

    private void respond(int p, AllocStatus status, int index) {
        allocRspValid[p] = true;
        allocRspStatus[p] = status.code();
        allocRspIndex[p] = index;
    }

    private int swap(int index, int value) {
        int old = area.swap(index, value);
        freeCount += value - old;
        return old;
    }

    /** The transaction-level control area under this model, for conservation checks. */
    public ControlArea area() { return area; }
}
