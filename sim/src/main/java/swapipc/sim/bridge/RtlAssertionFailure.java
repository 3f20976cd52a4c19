package swapipc.sim.bridge;

/**
 * A simulation assertion of the RTL (a SpinalHDL `assert` in a simulation build, see
 * hdl/.../SimChecks) failed: the design executed $finish, and Verilator printed its FAILURE line
 * to the process's output. Thrown by {@link Simulation} after the failing cycle; benches turn it
 * into a failure with their seed and replay command.
 */
public final class RtlAssertionFailure extends IllegalStateException {
    public RtlAssertionFailure(String where) {
        super("an RTL assertion failed " + where + " (the design's FAILURE line is printed above this report)");
    }
}
