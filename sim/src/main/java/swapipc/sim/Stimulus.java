package swapipc.sim;

import swapipc.model.ControlArea;
import swapipc.model.CyclePins;

import java.util.Arrays;

/** Drives a lockstep run: sets the inputs of the next cycle, seeing the model's state now. */
public interface Stimulus {
    void next(long cycle, CyclePins pins, ControlArea area);

    /** Sees every cycle's model outputs (equal to the RTL's, or the run reports a mismatch). */
    default void observe(long cycle, CyclePins pins) {}

    /** Every input idle: no request, no reset, reinit or clear, every answer channel ready. */
    static void idle(CyclePins p) {
        Arrays.fill(p.allocValid, false);
        Arrays.fill(p.allocBytes, 0);
        Arrays.fill(p.allocRspReady, true);
        Arrays.fill(p.freeValid, false);
        Arrays.fill(p.freeRef, 0);
        Arrays.fill(p.freeRspReady, true);
        p.reset = false;
        p.reinit = false;
        p.errClear = false;
    }
}
