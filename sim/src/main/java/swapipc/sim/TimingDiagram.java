package swapipc.sim;

import swapipc.model.AllocStatus;
import swapipc.model.Config;
import swapipc.model.ControlArea;
import swapipc.model.CyclePins;
import swapipc.model.FreeStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * WaveDrom timing diagrams of the ControlArea's channels, recorded from a real run: the scenario
 * runs through {@link Lockstep} (every cycle's RTL outputs must equal the model's), and the
 * diagram shows what was driven and seen. docs/timing/*.json are written by `./swapipc timing`
 * and checked against a fresh run by the suite.
 */
public final class TimingDiagram {
    /** Buffers 4, ports 2: small enough to read the flags. */
    static final Config CONFIG = Config.DEFAULT.withBuffers(4);

    /** A signal: its value per cycle (null: don't care); a bus shows values, `perCycle` one segment per cycle (a new answer each cycle). */
    private record Trace(String name, Function<CyclePins, String> value, boolean bus, boolean perCycle) {}

    /** One diagram: a title, the stimulus per cycle after initialization, the traces shown. */
    public record Diagram(String file, String title, List<Consumer<CyclePins>> drives, List<Trace> traces) {}

    private TimingDiagram() {}

    private static Trace bit(String name, Function<CyclePins, Boolean> f) {
        return new Trace(name, p -> f.apply(p) ? "1" : "0", false, false);
    }

    private static Trace bus(String name, Function<CyclePins, String> f) {
        return new Trace(name, f, true, false);
    }

    private static Trace answer(String name, Function<CyclePins, String> f) {
        return new Trace(name, f, true, true);
    }

    private static String flags(CyclePins p) {
        StringBuilder sb = new StringBuilder();
        for (int i = p.flags.length - 1; i >= 0; i--) sb.append(p.flags[i] ? '1' : '0');
        return sb.toString();
    }

    /** Allocations on port 0, two back to back, and their frees on port 1, the second a double free. */
    public static Diagram allocateAndFree() {
        List<Consumer<CyclePins>> d = new ArrayList<>();
        Consumer<CyclePins> alloc = p -> {
            p.allocValid[0] = true;
            p.allocBytes[0] = 16;
        };
        Consumer<CyclePins> free0 = p -> {
            p.freeValid[1] = true;
            p.freeRef[1] = CONFIG.ref(0);
        };
        d.add(alloc);
        d.add(alloc);
        d.add(free0);
        d.add(free0);
        for (int i = 0; i < 5; i++) d.add(p -> {});
        List<Trace> t = List.of(
            bit("alloc_0_req_valid", p -> p.allocValid[0]),
            bit("alloc_0_req_ready", p -> p.allocReady[0]),
            bit("alloc_0_rsp_valid", p -> p.allocRspValid[0]),
            answer("alloc_0_rsp_status", p -> p.allocRspValid[0] ? AllocStatus.ofCode(p.allocRspStatus[0]).name() : null),
            answer("alloc_0_rsp_index", p -> p.allocRspValid[0] ? Integer.toString(p.allocRspIndex[0]) : null),
            bit("free_1_req_valid", p -> p.freeValid[1]),
            bit("free_1_req_ready", p -> p.freeReady[1]),
            bit("free_1_rsp_valid", p -> p.freeRspValid[1]),
            answer("free_1_rsp_status", p -> p.freeRspValid[1] ? FreeStatus.ofCode(p.freeRspStatus[1]).name() : null),
            bus("flags (buffer 3..0)", TimingDiagram::flags),
            bus("freeCount", p -> Integer.toString(p.freeCount)),
            bus("errCount", p -> Integer.toString(p.errCount)));
        return new Diagram("controlarea-allocate-free.json",
            "ControlArea: request taken at an edge, decided in the next cycle, answered in the one after; "
                + "freeCount and errCount one cycle later", d, t);
    }

    /** Runs the diagram's scenario after the Fig. 8 walk and renders it as WaveDrom JSON. */
    public static String render(Diagram diagram) {
        int init = CONFIG.buffers() + 1;
        int cycles = init + diagram.drives().size();
        List<String[]> seen = new ArrayList<>();
        Stimulus s = new Stimulus() {
            @Override
            public void next(long cycle, CyclePins p, ControlArea area) {
                Stimulus.idle(p);
                if (cycle >= init) diagram.drives().get((int) (cycle - init)).accept(p);
            }

            @Override
            public void observe(long cycle, CyclePins p) {
                if (cycle < init) return;
                String[] row = new String[diagram.traces().size()];
                for (int k = 0; k < row.length; k++) row[k] = diagram.traces().get(k).value().apply(p);
                seen.add(row);
            }
        };
        Lockstep.Result r = Lockstep.run(CONFIG, s, 0, "./swapipc timing", cycles, false);
        if (r.firstMismatch() != null) throw new IllegalStateException("RTL/model mismatch: " + r.firstMismatch());
        StringBuilder sb = new StringBuilder("{\"signal\": [\n  {\"name\": \"clk\", \"wave\": \"p" + ".".repeat(seen.size() - 1) + "\"}");
        for (int k = 0; k < diagram.traces().size(); k++) {
            Trace t = diagram.traces().get(k);
            StringBuilder wave = new StringBuilder();
            List<String> data = new ArrayList<>();
            String prev = "";
            for (String[] row : seen) {
                String v = row[k];
                if (v == null) {
                    wave.append(prev == null ? '.' : 'x');
                } else if (v.equals(prev) && !t.perCycle()) {
                    wave.append('.');
                } else if (t.bus()) {
                    wave.append('=');
                    data.add(v);
                } else {
                    wave.append(v);
                }
                prev = v;
            }
            sb.append(",\n  {\"name\": \"").append(t.name()).append("\", \"wave\": \"").append(wave).append('"');
            if (!data.isEmpty()) sb.append(", \"data\": [\"").append(String.join("\", \"", data)).append("\"]");
            sb.append('}');
        }
        sb.append("\n],\n \"head\": {\"text\": \"").append(diagram.title()).append("\"},\n");
        sb.append(" \"foot\": {\"text\": \"generated by ./swapipc timing from a lockstep run (RTL = model every cycle); cycle 0 is the first after initialization\"}\n}\n");
        return sb.toString();
    }

    public static List<Diagram> all() { return List.of(allocateAndFree()); }

    /** Writes every diagram into {@code dir}; returns the files written. */
    public static List<Path> write(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        for (Diagram d : all()) out.add(Files.writeString(dir.resolve(d.file()), render(d)));
        return out;
    }
}
