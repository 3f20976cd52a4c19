package swapipc.sim;

import swapipc.model.ControlArea;
import swapipc.model.CyclePins;

/** Drives a lockstep run: sets the inputs of the next cycle, seeing the model's state now. */
public interface Stimulus {
    void next(long cycle, CyclePins pins, ControlArea area);

    /** Sees every cycle's model outputs (equal to the RTL's, or the run reports a mismatch). */
    default void observe(long cycle, CyclePins pins) {}
}
