package swapipc.sim.bridge;

import swapipc.sim.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * One running instance of a {@link VerilatedModel}. Two ways to drive it: signal by signal
 * ({@link #poke}, {@link #eval}, {@link #peek}, {@link #tick}: one JNI crossing each), or a whole
 * batch of cycles from an int[] in one crossing ({@link Batch#run}).
 */
public final class Simulation implements AutoCloseable {
    private final VerilatedModel model;
    private long inst;

    Simulation(VerilatedModel model, Path trace) {
        this.model = model;
        String tracePath = null;
        if (trace != null) {
            try {
                Files.createDirectories(trace.toAbsolutePath().getParent());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            tracePath = trace.toString();
        }
        this.inst = Native.create(model.api(), tracePath);
    }

    public VerilatedModel model() { return model; }

    public int id(String port) { return model.id(port); }

    public void poke(int id, long value) { Native.poke(model.api(), live(), id, value); }

    public long peek(int id) { return Native.peek(model.api(), live(), id); }

    /** Reads a port of any width as 32-bit words, least significant first. */
    public int[] peekWords(int id) {
        int[] words = new int[(model.port(id).width() + 31) / 32];
        Native.peekWords(model.api(), live(), id, words);
        return words;
    }

    /** Settles combinational logic after pokes, so peeks see this cycle's outputs. */
    public void eval() { Native.eval(model.api(), live()); }

    /** Rising clock edges; an RTL assertion that fails stops them ({@link RtlAssertionFailure}). */
    public void tick(int cycles) {
        int ran = Native.tick(model.api(), live(), cycles);
        if (ran < cycles) throw new RtlAssertionFailure("at edge " + ran + " of " + cycles, Native.failures(model.api(), live()));
    }

    /** Synchronous reset held for {@code cycles} edges. */
    public void reset(int cycles) {
        int reset = id("reset");
        poke(reset, 1);
        tick(cycles);
        poke(reset, 0);
    }

    /** Fixes which ports a batch drives and samples; words per cycle follow the port widths. */
    public Batch batch(int[] inIds, int[] outIds) {
        for (int id : inIds) {
            if (!model.port(id).input()) throw new IllegalArgumentException(model.port(id).name() + " is not an input");
        }
        return new Batch(inIds, outIds);
    }

    /** A batch layout: per cycle, the in ports' words then (in the output array) the out ports' words. */
    public final class Batch implements AutoCloseable {
        private long ports;
        public final int inWords;
        public final int outWords;

        private Batch(int[] inIds, int[] outIds) {
            this.inWords = words(inIds);
            this.outWords = words(outIds);
            this.ports = Native.batchPorts(inIds.clone(), outIds.clone());
        }

        private int words(int[] ids) {
            int w = 0;
            for (int id : ids) w += (model.port(id).width() + 31) / 32;
            return w;
        }

        /**
         * Runs {@code cycles} cycles: per cycle poke, eval, peek, rising edge. One JNI crossing. An
         * RTL assertion that fails stops the batch after that cycle ({@link RtlAssertionFailure}).
         */
        public void run(int[] in, int[] out, int cycles) {
            if (in.length < cycles * inWords || out.length < cycles * outWords) {
                throw new IllegalArgumentException("batch arrays too small for " + cycles + " cycles");
            }
            if (ports == 0) throw new IllegalStateException("batch layout already closed");
            int ran = Native.runBatch(model.api(), live(), ports, in, out, cycles);
            if (ran < cycles) {
                throw new RtlAssertionFailure("in cycle " + ran + " of a " + cycles + "-cycle batch", Native.failures(model.api(), live()));
            }
        }

        @Override
        public void close() {
            if (ports != 0) Native.freeBatchPorts(ports);
            ports = 0;
        }
    }

    private long live() {
        if (inst == 0) throw new IllegalStateException("simulation already closed");
        return inst;
    }

    /** Frees the instance and closes its waveform; under -Dswapipc.coverage, first writes its coverage counts. */
    @Override
    public void close() {
        if (inst == 0) return;
        Path dir = Workspace.coverageDir();
        if (dir != null) {
            try {
                // One folder per model library, so counts of different configurations never mix.
                Path perModel = dir.resolve(model.library().getParent().getFileName().toString());
                Files.createDirectories(perModel);
                Path design = perModel.resolve("design.v");
                if (!Files.exists(design)) Files.copy(model.verilog(), design, StandardCopyOption.REPLACE_EXISTING);
                Path dat = Files.createTempFile(perModel, "sim-", ".dat");
                if (!Native.writeCoverage(model.api(), inst, dat.toString())) Files.delete(dat);
            } catch (IOException e) {
                throw new UncheckedIOException("writing coverage into " + dir + ": " + e.getMessage(), e);
            }
        }
        Native.destroy(model.api(), inst);
        inst = 0;
    }
}
