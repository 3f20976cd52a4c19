package swapipc.sim;

import swapipc.model.Config;
import swapipc.model.ControlAreaCycleModel;
import swapipc.model.CyclePins;
import swapipc.sim.bridge.NativeBuild;
import swapipc.sim.bridge.Simulation;
import swapipc.sim.bridge.VerilatedModel;

import java.io.DataOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Simulation speed of the three ways to drive a Verilated model, interleaved round by round on
 * the same model and the same stimulus: (a) batches of cycles through one JNI call each,
 * (b) one JNI call per signal access, (c) a native C++ loop with no JVM.
 */
public final class Bench {
    private Bench() {}

    /** Per-round simulated cycles per second of each mode. */
    public record Speed(double batch, double perSignal, double nativeLoop) {}

    /** Medians over the rounds, and the median of the per-round ratios to the native loop. */
    public record Report(Config config, long cycles, List<Speed> rounds, double medianBatch, double medianPerSignal,
                         double medianNative, double batchRatio, double perSignalRatio) {}

    /** Inputs for {@code cycles} cycles of seeded random traffic, steered by the model as in lockstep runs. */
    public static int[] stimulus(Config cfg, ControlAreaPins pins, long seed, int cycles) {
        Traffic traffic = new Traffic(cfg, seed, Traffic.Profile.DEFAULT);
        ControlAreaCycleModel model = new ControlAreaCycleModel(cfg);
        CyclePins cp = new CyclePins(cfg);
        int[] in = new int[cycles * pins.inputWords()];
        for (int c = 0; c < cycles; c++) {
            traffic.next(c, cp, model.area());
            model.outputs(cp);
            pins.encodeInputs(cp, in, c * pins.inputWords());
            model.clock(cp);
        }
        return in;
    }

    /** Mode (b): the same cycle loop as a batch, but every poke, eval, peek and tick is its own JNI call. */
    public static void perSignal(Simulation sim, ControlAreaPins pins, int[] in, int[] out, int cycles) {
        perSignal(sim, pins.inputIds(), pins.outputIds(), in, out, cycles);
    }

    private static void perSignal(Simulation sim, int[] inIds, int[] outIds, int[] in, int[] out, int cycles) {
        int[] outWidths = Arrays.stream(outIds).map(id -> sim.model().port(id).width()).toArray();
        int i = 0;
        int o = 0;
        for (int c = 0; c < cycles; c++) {
            for (int id : inIds) sim.poke(id, in[i++] & 0xFFFF_FFFFL);
            sim.eval();
            for (int k = 0; k < outIds.length; k++) {
                if (outWidths[k] <= 32) {
                    out[o++] = (int) sim.peek(outIds[k]);
                } else {
                    int[] words = sim.peekWords(outIds[k]);
                    System.arraycopy(words, 0, out, o, words.length);
                    o += words.length;
                }
            }
            sim.tick(1);
        }
    }

    public static Report run(Config cfg, int cycles, int rounds, long seed) {
        VerilatedModel model = VerilatedModel.of(Designs.controlArea(cfg), false);
        ControlAreaPins pins = new ControlAreaPins(cfg, model);
        // All three modes drive reset as an ordinary input: two reset cycles, then the traffic.
        int[] inIds = pins.inputIds();
        int total = cycles + 2;
        int inW = pins.inputWords();
        int[] in = new int[total * inW];
        System.arraycopy(stimulus(cfg, pins, seed, cycles), 0, in, 2 * inW, cycles * inW);
        in[pins.inputOffset("reset")] = 1;
        in[inW + pins.inputOffset("reset")] = 1;
        int[] out = new int[total * pins.outputWords()];
        Path nativeBench = nativeBenchBinary();
        Path stimulusFile = writeStimulus(inIds, pins.outputIds(), in, total, inW, pins.outputWords());
        List<Speed> speeds = new ArrayList<>();
        for (int r = -1; r < rounds; r++) { // round -1 warms up the JIT and the caches and is not reported
            double a = total / batched(model, inIds, pins.outputIds(), in, out, total);
            double b = total / perSignalSeconds(model, inIds, pins.outputIds(), in, out, total);
            double c = total / nativeSeconds(nativeBench, model, stimulusFile);
            if (r >= 0) speeds.add(new Speed(a, b, c));
        }
        return new Report(cfg, total, speeds,
            median(speeds.stream().mapToDouble(Speed::batch).toArray()),
            median(speeds.stream().mapToDouble(Speed::perSignal).toArray()),
            median(speeds.stream().mapToDouble(Speed::nativeLoop).toArray()),
            median(speeds.stream().mapToDouble(sp -> sp.batch() / sp.nativeLoop()).toArray()),
            median(speeds.stream().mapToDouble(sp -> sp.perSignal() / sp.nativeLoop()).toArray()));
    }

    private static double batched(VerilatedModel model, int[] inIds, int[] outIds, int[] in, int[] out, int cycles) {
        try (Simulation sim = model.instantiate(null); Simulation.Batch batch = sim.batch(inIds, outIds)) {
            int[] chunkIn = new int[Lockstep.BATCH * batch.inWords];
            int[] chunkOut = new int[Lockstep.BATCH * batch.outWords];
            long t0 = System.nanoTime();
            for (int c = 0; c < cycles; c += Lockstep.BATCH) {
                int n = Math.min(Lockstep.BATCH, cycles - c);
                System.arraycopy(in, c * batch.inWords, chunkIn, 0, n * batch.inWords);
                batch.run(chunkIn, chunkOut, n);
            }
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    private static double perSignalSeconds(VerilatedModel model, int[] inIds, int[] outIds, int[] in, int[] out,
                                           int cycles) {
        try (Simulation sim = model.instantiate(null)) {
            long t0 = System.nanoTime();
            perSignal(sim, inIds, outIds, in, out, cycles);
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    /** Mode (c): native_bench runs the same library over the same stimulus in 1024-cycle run_batch calls. */
    private static double nativeSeconds(Path binary, VerilatedModel model, Path stimulus) {
        try {
            String ns = NativeBuild.run(Path.of("."), List.of(binary.toString(), model.library().toString(),
                stimulus.toString(), Integer.toString(Lockstep.BATCH))).trim();
            return Long.parseLong(ns) / 1e9;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The stimulus file native_bench reads (layout in native_bench.cpp). */
    private static Path writeStimulus(int[] inIds, int[] outIds, int[] in, int cycles, int inWords, int outWords) {
        try {
            Path file = Files.createTempFile("swapipc-stimulus", ".bin");
            file.toFile().deleteOnExit();
            try (DataOutputStream d = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
                for (int v : new int[] {inIds.length, outIds.length, cycles, inWords, outWords}) writeLe(d, v);
                for (int id : inIds) writeLe(d, id);
                for (int id : outIds) writeLe(d, id);
                for (int v : in) writeLe(d, v);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeLe(DataOutputStream d, int v) throws IOException {
        d.writeInt(Integer.reverseBytes(v));
    }

    static Path nativeBenchBinary() {
        String cxx = NativeBuild.toolVersion("g++", "--version");
        String key = "native-bench-" + NativeBuild.hash(List.of(NativeBuild.resource("native_bench.cpp"),
            NativeBuild.resource("model_api.h"), cxx.getBytes()));
        return NativeBuild.cached(key, "native_bench", dir -> {
            NativeBuild.unpackSources(dir);
            NativeBuild.run(dir, List.of("g++", "-O2", "-Wall", "-Werror", "-o", "native_bench", "native_bench.cpp", "-ldl"));
        });
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
