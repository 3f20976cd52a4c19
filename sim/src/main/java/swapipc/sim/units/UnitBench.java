package swapipc.sim.units;

import swapipc.hdl.Generator;
import swapipc.model.Config;
import swapipc.sim.Designs;
import swapipc.sim.bridge.PortLayout;
import swapipc.sim.bridge.RtlAssertionFailure;
import swapipc.sim.bridge.Simulation;
import swapipc.sim.bridge.VerilatedModel;

import java.util.SplittableRandom;

/**
 * A unit-level bench: one unit Verilated on its own (with its RTL assertions), driven by seeded
 * random stimulus that keeps the obligations the neighbouring units keep in the IpcUnit, and
 * judged every cycle against a Java reference of the unit. Each cycle: {@link #drive} sets the
 * inputs, the RTL settles, {@link #check} compares its outputs with the reference's, and
 * {@link #clock} advances the reference past the edge. Now and then a reset cycle is inserted
 * (the reference is rebuilt), so the reset state is judged too. The first mismatch ends the run;
 * the result names the seed and the command that replays it.
 */
public abstract class UnitBench {
    /** A mid-run reset about once in this many cycles. */
    private static final int RESET_EVERY = 3_000;
    /** Cycles without a completed transaction before the bench calls the unit stuck. */
    private static final int STUCK = 5_000;

    public record Result(String unit, Config config, long seed, long cycles, long transactions, long resets, String failure) {
        public boolean passed() { return failure == null; }
    }

    protected final Config cfg;
    protected final long seed;
    protected final SplittableRandom rnd;
    protected int[] in;
    protected int[] out;
    private final String replay;
    private long transactions;
    private long lastTransactionAt;
    private long now;

    protected UnitBench(Config cfg, long seed, String replay) {
        this.cfg = cfg;
        this.seed = seed;
        this.rnd = new SplittableRandom(seed);
        this.replay = replay;
    }

    /** The unit as a top. */
    protected abstract Generator.Top top();

    /** Registers the ports this bench drives and reads. */
    protected abstract void bind(PortLayout layout);

    /** Starts the reference from the unit's reset state (also after a mid-run reset). */
    protected abstract void resetReference();

    /** Sets this cycle's inputs into {@link #in}. */
    protected abstract void drive(long cycle);

    /** Compares this cycle's outputs in {@link #out} with the reference; a description of the first difference, or null. */
    protected abstract String check(long cycle);

    /** Advances the reference over the clock edge, with this cycle's inputs. */
    protected abstract void clock();

    /** Counts one completed transaction (for the report: what the run exercised). */
    protected void transaction() {
        transactions++;
        lastTransactionAt = now;
    }

    public Result run(long cycles) {
        return run(design(), cycles);
    }

    /** The unit's generated design for this bench's configuration. */
    public Generator.Output design() {
        return Designs.of(top(), cfg);
    }

    /** Runs on a given build of the unit (a mutant, for the tests that show the bench bites). */
    public Result run(Generator.Output design, long cycles) {
        VerilatedModel rtl = VerilatedModel.of(design, false);
        try (Simulation sim = rtl.instantiate(null)) {
            PortLayout layout = new PortLayout(sim);
            int reset = layout.in("reset");
            bind(layout);
            layout.seal();
            in = layout.in;
            out = layout.out;
            long resets = 0;
            String failure = null;
            try {
                resetCycles(layout, reset);
                for (now = 0; now < cycles && failure == null; now++) {
                    if (rnd.nextInt(RESET_EVERY) == 0) {
                        resetCycles(layout, reset);
                        resets++;
                    }
                    drive(now);
                    layout.step();
                    failure = check(now);
                    if (failure == null) clock();
                    if (failure == null && now - lastTransactionAt > STUCK) failure = "no transaction completed for " + STUCK + " cycles";
                    if (failure != null) break;
                }
            } catch (RtlAssertionFailure e) {
                failure = e.getMessage();
            }
            String report = failure == null ? null
                : top().module + ": " + failure + " (seed " + seed + ", cycle " + now + "; replay: " + replay + seed + ")";
            return new Result(top().module, cfg, seed, Math.min(now, cycles), transactions, resets, report);
        }
    }

    private void resetCycles(PortLayout layout, int reset) {
        java.util.Arrays.fill(in, 0);
        in[reset] = 1;
        layout.step();
        layout.step();
        in[reset] = 0;
        resetReference();
    }

    /** A stream into the unit (valid an input, ready an output) fires this cycle. */
    protected boolean intoUnit(int valid, int ready) { return in[valid] != 0 && out[ready] != 0; }

    /** A stream out of the unit (valid an output, ready an input) fires this cycle. */
    protected boolean outOfUnit(int valid, int ready) { return out[valid] != 0 && in[ready] != 0; }
}
