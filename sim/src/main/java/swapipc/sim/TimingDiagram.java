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
 * WaveDrom timing diagrams recorded from real runs: the ControlArea's channels through
 * {@link Lockstep} (every cycle's RTL outputs must equal the model's), the IpcUnit's endpoint
 * ports through the IpcHarness scoreboard ({@link IpcTimingDiagram}); each shows what was driven and seen. docs/timing/*.json are written by `./swapipc timing`
 * and checked against a fresh run by the suite.
 */
public final class TimingDiagram {
    /** Buffers 4, ports 2: small enough to read the flags. */
    static final Config CONFIG = Config.DEFAULT.withBuffers(4);

    /** A signal: its value per cycle (null: don't care); a bus shows values, `perCycle` one segment per cycle (a new answer each cycle). */
    private record Trace(String name, Function<CyclePins, String> value, boolean bus, boolean perCycle) {}

    /** A diagram docs/timing/ holds: its file and how to draw it from a fresh run. */
    public interface Drawing {
        String file();

        String render();
    }

    /** One ControlArea diagram: a title, the stimulus per cycle after initialization, the traces shown. */
    public record Diagram(String file, String title, List<Consumer<CyclePins>> drives, List<Trace> traces) implements Drawing {
        @Override
        public String render() { return TimingDiagram.render(this); }
    }

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
        List<WaveDrom.Trace> traces = diagram.traces().stream().map(t -> new WaveDrom.Trace(t.name(), t.bus(), t.perCycle())).toList();
        return WaveDrom.json(traces, seen, diagram.title(),
            "generated by ./swapipc timing from a lockstep run (RTL = model every cycle); cycle 0 is the first after initialization");
    }

    public static List<Drawing> all() { return List.of(allocateAndFree(), IpcTimingDiagram.callAndReply()); }

    /** Writes every diagram into {@code dir}; returns the files written. */
    public static List<Path> write(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        for (Drawing d : all()) out.add(Files.writeString(dir.resolve(d.file()), d.render()));
        return out;
    }
}
