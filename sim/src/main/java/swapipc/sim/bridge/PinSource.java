package swapipc.sim.bridge;

/** Where a named pin's word is: its offset in the inputs or the outputs of one cycle. */
public interface PinSource {
    /** The offset of an input of the unit judged. */
    int in(String port);

    /** The offset of an output of the unit judged. */
    int out(String port);
}
