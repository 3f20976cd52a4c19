package swapipc.sim;

import swapipc.hdl.Generator;
import swapipc.model.AllocStatus;
import swapipc.model.Config;
import swapipc.model.ControlAreaCycleModel;
import swapipc.model.CyclePins;
import swapipc.model.FreeStatus;
import swapipc.sim.bridge.RtlAssertionFailure;
import swapipc.sim.bridge.Simulation;
import swapipc.sim.bridge.VerilatedModel;

import java.util.List;

/**
 * Runs the RTL and the cycle model side by side on the same seeded traffic and compares every
 * output port in every cycle. The model runs ahead through a batch (it also steers the traffic),
 * then the RTL runs the same batch in one JNI call, then the two output records are compared.
 * The RTL is the ControlArea inside its formal harness (hdl/.../formal/ControlAreaProperties,
 * `fromPorts`): every property proved in formal.md also runs as a simulation assertion, so a
 * violated one stops the run in its cycle, with the seed, even where the outputs still agree
 * (with two buffers or more: the harness is not written for a one-buffer pool).
 */
public final class Lockstep {
    public static final int BATCH = 1024;

    /**
     * What a run saw; status counts are of answers consumed by the requester. A run stops after
     * the batch in which the RTL first disagreed with the model: {@code mismatches} counts the
     * disagreeing cycles of that batch and {@code firstMismatch} describes the first one.
     */
    public record Result(Config config, long seed, long cycles, long[] allocs, long[] frees, long resets, long reinits,
                         long mismatches, String firstMismatch, long peakAllocated, double rtlSeconds) {
        public long allocOk() { return allocs[AllocStatus.OK.code()]; }

        public long errors() {
            return allocs[AllocStatus.ERROR.code()] + frees[FreeStatus.INVALID_REF.code()]
                + frees[FreeStatus.DOUBLE_FREE.code()];
        }
    }

    private Lockstep() {}

    /** How to re-run a failing seed; printed with every mismatch. */
    public static String replay(Config cfg, long seed, long cycles) {
        return "./swapipc lockstep --seed " + seed + " --cycles " + cycles + cfg.paramArgs();
    }

    /** Seeded random traffic ({@link Traffic}) for {@code cycles} cycles. */
    public static Result run(Config cfg, long seed, long cycles, Traffic.Profile profile, boolean waves) {
        return run(cfg, new Traffic(cfg, seed, profile), seed, replay(cfg, seed, cycles), cycles, waves);
    }

    /**
     * Any stimulus. {@code seed} labels the run (and its wave file); {@code replay} is the command
     * a mismatch report tells the reader to run. Waves are written when asked here or by
     * -Dswapipc.waves=true.
     */
    public static Result run(Config cfg, Stimulus stimulus, long seed, String replay, long cycles, boolean wavesAsked) {
        // The formal harness is written for two buffers or more; a one-buffer pool runs the bare block.
        Generator.Output design = cfg.buffers() > 1 ? Designs.controlAreaChecked(cfg) : Designs.controlArea(cfg);
        return run(design, cfg, stimulus, seed, replay, cycles, wavesAsked);
    }

    /** On a given build (by default the ControlArea with its formal properties as simulation assertions; a mutant in tests). */
    static Result run(Generator.Output design, Config cfg, Stimulus stimulus, long seed, String replay, long cycles, boolean wavesAsked) {
        boolean waves = wavesAsked || Workspace.wavesRequested();
        VerilatedModel model = VerilatedModel.of(design, waves);
        ControlAreaPins pins = new ControlAreaPins(cfg, model);
        ControlAreaCycleModel ref = new ControlAreaCycleModel(cfg);
        CyclePins cp = new CyclePins(cfg);
        long[] allocs = new long[AllocStatus.values().length];
        long[] frees = new long[FreeStatus.values().length];
        long resets = 0;
        long reinits = 0;
        long peak = 0;
        long rtlNanos = 0;
        long mismatches = 0;
        String firstMismatch = null;
        int inW = pins.inputWords();
        int outW = pins.outputWords();
        int[] in = new int[BATCH * inW];
        int[] expected = new int[BATCH * outW];
        int[] actual = new int[BATCH * outW];
        boolean[] resetIn = new boolean[BATCH];
        int prevOnes = -1; // flags free in the previous cycle; -1 after a reset (the count starts afresh)
        int flagsOff = pins.outputOffset("io_flags");
        int freeCountOff = pins.outputOffset("io_freeCount");
        List<StreamMonitor> monitors = StreamMonitor.of(pins, cfg.ports());
        try (Simulation sim = model.instantiate(waves ? Workspace.waves().resolve("lockstep-" + seed + ".fst") : null);
             Simulation.Batch batch = sim.batch(pins.inputIds(), pins.outputIds())) {
            sim.reset(2);
            for (long done = 0; done < cycles; done += BATCH) {
                int n = (int) Math.min(BATCH, cycles - done);
                for (int c = 0; c < n; c++) {
                    stimulus.next(done + c, cp, ref.area());
                    ref.outputs(cp);
                    stimulus.observe(done + c, cp);
                    resetIn[c] = cp.reset;
                    pins.encodeInputs(cp, in, c * inW);
                    pins.encodeOutputs(cp, expected, c * outW);
                    for (int p = 0; p < cfg.ports(); p++) {
                        if (cp.allocRspValid[p] && cp.allocRspReady[p]) allocs[cp.allocRspStatus[p]]++;
                        if (cp.freeRspValid[p] && cp.freeRspReady[p]) frees[cp.freeRspStatus[p]]++;
                    }
                    if (cp.reset) {
                        resets++;
                    } else if (cp.reinit && cp.initDone) {
                        reinits++;
                    }
                    peak = Math.max(peak, cfg.buffers() - cp.freeCount);
                    ref.clock(cp);
                }
                long t0 = System.nanoTime();
                try {
                    batch.run(in, actual, n);
                } catch (RtlAssertionFailure rtl) {
                    String why = String.format("cycles %d..%d: %s%n  seed %d; replay: %s", done, done + n - 1, rtl.getMessage(), seed, replay);
                    return new Result(cfg, seed, done + n, allocs, frees, resets, reinits, 1, why, peak, rtlNanos / 1e9);
                }
                rtlNanos += System.nanoTime() - t0;
                for (int c = 0; c < n; c++) {
                    String problem = null;
                    for (StreamMonitor m : monitors) {
                        String broken = m.check(in, c * inW, actual, c * outW, resetIn[c]);
                        if (problem == null) problem = broken;
                    }
                    if (problem == null) problem = compare(pins, expected, actual, c * outW);
                    int ones = 0;
                    for (int w = 0; w < (cfg.buffers() + 31) / 32; w++) ones += Integer.bitCount(actual[c * outW + flagsOff + w]);
                    // free + allocated = n: freeCount is the number of flags that read 1 in the cycle before.
                    if (problem == null && prevOnes >= 0 && prevOnes != actual[c * outW + freeCountOff]) {
                        problem = String.format("conservation broken: %d flags free in the cycle before, freeCount %d (n = %d)",
                            prevOnes, actual[c * outW + freeCountOff], cfg.buffers());
                    }
                    prevOnes = resetIn[c] ? -1 : ones;
                    if (problem != null && mismatches++ == 0) {
                        firstMismatch = String.format("cycle %d: %s%n  seed %d; replay: %s", done + c, problem, seed,
                            replay);
                    }
                }
                if (mismatches > 0) {
                    return new Result(cfg, seed, done + n, allocs, frees, resets, reinits, mismatches, firstMismatch, peak,
                        rtlNanos / 1e9);
                }
            }
        }
        return new Result(cfg, seed, cycles, allocs, frees, resets, reinits, 0, null, peak, rtlNanos / 1e9);
    }

    /** Describes how one cycle's RTL outputs differ from the model's, or returns null if they agree. */
    private static String compare(ControlAreaPins pins, int[] expected, int[] actual, int base) {
        for (int w = 0; w < pins.outputWords(); w++) {
            if (expected[base + w] != actual[base + w]) {
                return String.format("%s: model %s, RTL %s", pins.outputName(w), hex(expected[base + w]),
                    hex(actual[base + w]));
            }
        }
        return null;
    }

    private static String hex(int v) { return "0x" + Integer.toHexString(v); }
}
