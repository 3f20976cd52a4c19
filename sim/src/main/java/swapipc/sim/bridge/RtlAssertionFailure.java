package swapipc.sim.bridge;

/**
 * A simulation assertion of the RTL (a SpinalHDL `assert` in a simulation build, see
 * hdl/.../SimChecks) failed: the design printed its FAILURE line and executed $finish. Thrown by
 * {@link Simulation} after the failing cycle, with the FAILURE lines of that call (every property
 * that failed in it); benches turn it into a failure with their seed and replay command.
 */
public final class RtlAssertionFailure extends IllegalStateException {
    /** The FAILURE lines, one per failed property, each "FAILURE <what it states>". */
    private final String failures;

    public RtlAssertionFailure(String where, String failures) {
        super("an RTL assertion failed " + where + ": " + (failures.isBlank() ? "(no FAILURE line was printed)" : failures.strip().replace("\n", "; ")));
        this.failures = failures;
    }

    /** The FAILURE lines printed by the failing call. */
    public String failures() { return failures; }
}
