package swapipc.sim;

import swapipc.hdl.PortInfo;
import swapipc.model.Config;
import swapipc.model.CyclePins;
import swapipc.sim.bridge.VerilatedModel;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The one place that knows how ControlArea's Verilog port names map onto {@link CyclePins}.
 * Encodes a cycle's inputs, and the outputs the model expects, in the word layout of a batch.
 * Construction fails if the generated RTL has a port this mapping does not know, or lacks one
 * it expects, so the test bench and the RTL can never silently drift apart.
 */
public final class ControlAreaPins {
    /** Writes one port's words for a cycle at {@code buf[off]}. */
    private interface Encoder {
        void put(CyclePins pins, int[] buf, int off);
    }

    private record Pin(String name, int id, int words, Encoder encoder) {}

    private final List<Pin> inputs = new ArrayList<>();
    private final List<Pin> outputs = new ArrayList<>();
    private final VerilatedModel model;
    private final Config cfg;

    public ControlAreaPins(Config cfg, VerilatedModel model) {
        this.cfg = cfg;
        this.model = model;
        for (int p = 0; p < cfg.ports(); p++) {
            final int q = p;
            String a = "io_alloc_" + p + "_";
            String f = "io_free_" + p + "_";
            in(a + "req_valid", (s, b, o) -> b[o] = bit(s.allocValid[q]));
            in(a + "req_payload_bytes", (s, b, o) -> b[o] = s.allocBytes[q]);
            in(a + "rsp_ready", (s, b, o) -> b[o] = bit(s.allocRspReady[q]));
            in(f + "req_valid", (s, b, o) -> b[o] = bit(s.freeValid[q]));
            in(f + "req_payload_ref", (s, b, o) -> b[o] = (int) s.freeRef[q]);
            in(f + "rsp_ready", (s, b, o) -> b[o] = bit(s.freeRspReady[q]));
            out(a + "req_ready", (s, b, o) -> b[o] = bit(s.allocReady[q]));
            out(a + "rsp_valid", (s, b, o) -> b[o] = bit(s.allocRspValid[q]));
            out(a + "rsp_payload_status", (s, b, o) -> b[o] = s.allocRspStatus[q]);
            out(a + "rsp_payload_index", (s, b, o) -> b[o] = s.allocRspIndex[q]);
            out(a + "rsp_payload_ref", (s, b, o) -> b[o] = (int) s.allocRspRef[q]);
            out(f + "req_ready", (s, b, o) -> b[o] = bit(s.freeReady[q]));
            out(f + "rsp_valid", (s, b, o) -> b[o] = bit(s.freeRspValid[q]));
            out(f + "rsp_payload_status", (s, b, o) -> b[o] = s.freeRspStatus[q]);
        }
        in("reset", (s, b, o) -> b[o] = bit(s.reset));
        in("io_reinit", (s, b, o) -> b[o] = bit(s.reinit));
        in("io_errClear", (s, b, o) -> b[o] = bit(s.errClear));
        out("io_initDone", (s, b, o) -> b[o] = bit(s.initDone));
        out("io_count", (s, b, o) -> b[o] = s.count);
        out("io_freeCount", (s, b, o) -> b[o] = s.freeCount);
        out("io_flags", ControlAreaPins::putFlags);
        out("io_errFlags", (s, b, o) -> b[o] = s.errFlags);
        out("io_errCount", (s, b, o) -> b[o] = s.errCount);
        checkCoverage();
    }

    private static int bit(boolean b) { return b ? 1 : 0; }

    private static void putFlags(CyclePins s, int[] buf, int off) {
        int words = (s.flags.length + 31) / 32;
        for (int w = 0; w < words; w++) buf[off + w] = 0;
        for (int i = 0; i < s.flags.length; i++) {
            if (s.flags[i]) buf[off + (i >>> 5)] |= 1 << (i & 31);
        }
    }

    private void in(String name, Encoder e) { inputs.add(pin(name, e, true)); }

    private void out(String name, Encoder e) { outputs.add(pin(name, e, false)); }

    private Pin pin(String name, Encoder e, boolean input) {
        int id = model.id(name);
        PortInfo port = model.port(id);
        if (port.input() != input) {
            throw new IllegalStateException("port " + name + " is an " + (port.input() ? "input" : "output")
                + " in the RTL, the test bench expects the opposite");
        }
        return new Pin(name, id, (port.width() + 31) / 32, e);
    }

    private void checkCoverage() {
        Set<String> mapped = new HashSet<>(Set.of("clk"));
        inputs.forEach(p -> mapped.add(p.name()));
        outputs.forEach(p -> mapped.add(p.name()));
        for (PortInfo port : model.ports()) {
            if (!mapped.contains(port.name())) {
                throw new IllegalStateException("port " + port.name() + " of the generated RTL is not known to "
                    + "ControlAreaPins: map it before simulating");
            }
        }
    }

    public Config config() { return cfg; }

    public int[] inputIds() { return inputs.stream().mapToInt(Pin::id).toArray(); }

    public int[] outputIds() { return outputs.stream().mapToInt(Pin::id).toArray(); }

    public int inputWords() { return inputs.stream().mapToInt(Pin::words).sum(); }

    public int outputWords() { return outputs.stream().mapToInt(Pin::words).sum(); }

    /** Writes the cycle's inputs at {@code off}; returns the offset after them. */
    public int encodeInputs(CyclePins pins, int[] buf, int off) {
        for (Pin p : inputs) {
            p.encoder().put(pins, buf, off);
            off += p.words();
        }
        return off;
    }

    /** Writes the cycle's expected outputs at {@code off}; returns the offset after them. */
    public int encodeOutputs(CyclePins pins, int[] buf, int off) {
        for (Pin p : outputs) {
            p.encoder().put(pins, buf, off);
            off += p.words();
        }
        return off;
    }

    /** The output port that word {@code w} of a cycle's output record belongs to. */
    public String outputName(int w) {
        for (Pin p : outputs) {
            if (w < p.words()) return p.words() == 1 ? p.name() : p.name() + "[word " + w + "]";
            w -= p.words();
        }
        throw new IndexOutOfBoundsException("output word " + w);
    }

    /** Word offset of an input port within a cycle's input record. */
    public int inputOffset(String name) { return offset(inputs, name); }

    /** Word offset of an output port within a cycle's output record. */
    public int outputOffset(String name) { return offset(outputs, name); }

    private static int offset(List<Pin> pins, String name) {
        int off = 0;
        for (Pin p : pins) {
            if (p.name().equals(name)) return off;
            off += p.words();
        }
        throw new IllegalArgumentException("no port " + name + " in this record");
    }
}
