package swapipc.sim.fpga;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import swapipc.hdl.Generator;
import swapipc.model.Board;
import swapipc.model.Config;
import swapipc.sim.Workspace;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The FPGA flow for one top, configuration and device: generate the top and its out-of-context
 * harness, synthesize with yosys (synth_ice40), place and route with nextpnr-ice40 at the target
 * clock for each seed, and read area, Fmax and the critical path back from the tools' reports.
 */
public final class SynthFlow {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The iCE40 flip-flop cells (with enable, synchronous/asynchronous set/reset). */
    private static final String[] DFF_TYPES = {"SB_DFF", "SB_DFFE", "SB_DFFSR", "SB_DFFSS", "SB_DFFESR", "SB_DFFESS", "SB_DFFR", "SB_DFFS", "SB_DFFER", "SB_DFFES"};

    /**
     * What to build. {@code mhz} is the target clock; {@code seeds} the nextpnr placement seeds tried.
     * With a {@code board}: its bitstream top on its pins (no harness), packed by icepack and timed by icetime.
     */
    public record Request(Generator.Top top, Config config, Device device, double mhz, List<Integer> seeds, Path dir, Board board) {
        public Request(Generator.Top top, Config config, Device device, double mhz, List<Integer> seeds, Path dir) {
            this(top, config, device, mhz, seeds, dir, null);
        }

        /** {@code board}'s bitstream at its own clock. */
        public static Request of(Board board, List<Integer> seeds, Path dir) {
            return new Request(Generator.Top.BOARD, board.config(), Device.of(board.device), board.clockMhz, seeds, dir, board);
        }

        public String name() { return board != null ? "board-" + board.name : name(top, config, device); }

        /** The report directory's name: top, device and, unless default, a hash of the settings. */
        public static String name(Generator.Top top, Config config, Device device) {
            // A String's hash is stable across runs (a record's is not: its enums hash by identity).
            String settings = config.toMap().toString();
            return top.module + "-" + device.name + (config.equals(Config.DEFAULT) ? "" : "-" + Integer.toHexString(settings.hashCode()));
        }
    }

    private final Request request;
    private final PrintStream progress;

    public SynthFlow(Request request, PrintStream progress) {
        this.request = request;
        this.progress = progress;
    }

    public SynthReport run() {
        long start = System.nanoTime();
        Path dir = request.dir();
        try {
            Files.createDirectories(dir);
            Board board = request.board();
            Generator.Output out = step("generating " + request.top().module,
                () -> board != null ? Generator.generateBoard(board, Generator.Top.BOARD, dir) : Generator.generate(request.top(), request.config(), dir));
            String top = request.top().module;
            String harness = board != null ? top : OutOfContext.moduleName(top);
            if (board == null) Files.writeString(dir.resolve(harness + ".v"), OutOfContext.verilog(top, out.ports()), StandardCharsets.UTF_8);
            String sources = board != null ? top + ".v" : top + ".v " + harness + ".v";

            step("yosys synth_ice40 (flattened, for place and route)", () -> tool(dir, "yosys.log", "yosys", "-q", "-p",
                "read_verilog " + sources + "; synth_ice40 -top " + harness + " -json " + harness + ".json; "
                    + "tee -q -o stat.json stat -json"));
            step("yosys synth_ice40 -noflatten (area per unit)", () -> tool(dir, "yosys-units.log", "yosys", "-q", "-p",
                "read_verilog " + top + ".v; synth_ice40 -noflatten -top " + top + "; tee -q -o units.json stat -json"));

            List<SynthReport.SeedResult> seeds = new ArrayList<>();
            for (int seed : request.seeds()) {
                String report = "nextpnr-" + seed + ".json";
                List<String> cmd = new ArrayList<>(List.of("nextpnr-ice40"));
                cmd.addAll(request.device().nextpnrFlags());
                cmd.addAll(board != null ? List.of("--pcf", Workspace.root().resolve("fpga-constraints").resolve(board.pcf).toString())
                    : List.of("--pcf-allow-unconstrained"));
                cmd.addAll(List.of("--json", harness + ".json", "--timing-allow-fail",
                    "--freq", String.valueOf(request.mhz()), "--seed", String.valueOf(seed), "--report", report,
                    "--asc", harness + "-" + seed + ".asc"));
                try {
                    step("nextpnr-ice40 --" + request.device().name + " seed " + seed + " at " + request.mhz() + " MHz",
                        () -> tool(dir, "nextpnr-" + seed + ".log", cmd.toArray(String[]::new)));
                } catch (SynthException e) {
                    throw overflow(dir.resolve("nextpnr-" + seed + ".log")).orElseThrow(() -> e);
                }
                seeds.add(seedResult(seed, JSON.readTree(dir.resolve(report).toFile())));
            }
            Map<String, SynthReport.Area> units = units(unitsJson(dir.resolve("units.json")), top);
            if (board != null) bitstream(board, seeds, dir);
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, String> parameters = new LinkedHashMap<>();
            if (board != null) parameters.put("board", board.name);
            parameters.putAll(request.config().toMap());
            return new SynthReport(board != null ? top + " (" + board.name + ")" : top, request.device().name, parameters, request.mhz(),
                board != null ? board.clockMhz : request.device().requiredMhz(request.top()),
                utilization(dir, seeds, board != null ? 0 : OutOfContext.cells(out.ports())), units, seeds, seconds, board != null);
        } catch (IOException e) {
            throw new UncheckedIOException("synthesis in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The best seed's placement packed into {@code <board>.bin} (icepack) and timed again by icetime
     * at the board clock (its own timing model, a second opinion on nextpnr's), log in icetime.log.
     */
    private void bitstream(Board board, List<SynthReport.SeedResult> seeds, Path dir) throws IOException {
        int best = SynthReport.best(seeds).seed();
        String asc = request.top().module + "-" + best + ".asc";
        step("icepack " + asc + " -> " + board.name + ".bin", () -> tool(dir, "icepack.log", "icepack", asc, board.name + ".bin"));
        step("icetime at " + board.clockMhz + " MHz", () -> tool(dir, "icetime.log", "icetime", "-d", board.device,
            "-P", board.pkg, "-p", Workspace.root().resolve("fpga-constraints").resolve(board.pcf).toString(), "-c", String.valueOf(board.clockMhz), "-t", asc));
    }

    /**
     * When placement ran out of a cell type, the "does not fit" message: nextpnr's utilisation
     * lines (what the design needs against what the device has) and the per-unit area, where to cut.
     */
    private java.util.Optional<SynthException> overflow(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        if (lines.stream().noneMatch(l -> l.contains("no BELs remaining") || l.contains("Failed to expand region"))) {
            return java.util.Optional.empty();
        }
        StringBuilder msg = new StringBuilder(request.top().module + " does not fit the " + request.device().name.toUpperCase() + ":");
        for (String l : lines) {
            String t = l.replace("Info:", "").trim();
            if (t.matches("(ICESTORM_LC|ICESTORM_RAM|ICESTORM_SPRAM|SB_IO):.*")) msg.append("\n  ").append(t.replaceAll("\\s+", " "));
        }
        msg.append("\n  area per unit (instances x LUT4 / DFF / BRAM each):");
        units(unitsJson(request.dir().resolve("units.json")), request.top().module).forEach((m, a) ->
            msg.append(String.format("%n    %-26s %2d x %5d %5d %3d", m, a.instances(), a.lut4(), a.dff(), a.blockRams())));
        msg.append("\n  log: ").append(log);
        return java.util.Optional.of(new SynthException(msg.toString()));
    }

    /** Cell use of the placed design, from nextpnr's report for the first seed (placement does not change it). */
    private SynthReport.Utilization utilization(Path dir, List<SynthReport.SeedResult> seeds, int harness) throws IOException {
        JsonNode report = JSON.readTree(dir.resolve("nextpnr-" + seeds.get(0).seed() + ".json").toFile()).get("utilization");
        JsonNode stat = JSON.readTree(dir.resolve("stat.json").toFile()).get("design").get("num_cells_by_type");
        Device d = request.device();
        return new SynthReport.Utilization(used(report, "ICESTORM_LC"), harness, d.logicCells, count(stat, "SB_LUT4"),
            count(stat, DFF_TYPES),
            count(stat, "SB_CARRY"), used(report, "ICESTORM_RAM"), d.blockRams, used(report, "ICESTORM_SPRAM"), d.spRams,
            used(report, "SB_IO"));
    }

    private static int used(JsonNode utilization, String cell) {
        JsonNode n = utilization.get(cell);
        return n == null ? 0 : n.get("used").asInt();
    }

    private static int count(JsonNode byType, String... types) {
        int sum = 0;
        for (String t : types) if (byType.has(t)) sum += byType.get(t).asInt();
        return sum;
    }

    private static SynthReport.SeedResult seedResult(int seed, JsonNode report) {
        double fmax = Double.NaN;
        for (JsonNode clock : report.get("fmax")) fmax = Double.isNaN(fmax) ? clock.get("achieved").asDouble() : Math.min(fmax, clock.get("achieved").asDouble());
        return new SynthReport.SeedResult(seed, fmax, CriticalPath.of(report));
    }

    /** yosys 0.23's `stat -json` on a hierarchy prints its instance summary into the JSON; those lines are dropped. */
    private static JsonNode unitsJson(Path file) throws IOException {
        StringBuilder json = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            if (!line.matches("^\\s+[A-Za-z_]\\S*\\s+\\d+$")) json.append(line).append('\n');
        }
        return JSON.readTree(json.toString());
    }

    /** How many copies of each module the top holds: a module's cells list its submodules by name. */
    private static Map<String, Integer> instances(JsonNode modules, String module, int copies, Map<String, Integer> acc) {
        acc.merge(module, copies, Integer::sum);
        for (var it = modules.path("\\" + module).path("num_cells_by_type").fields(); it.hasNext(); ) {
            var cell = it.next();
            String sub = cell.getKey();
            if (modules.has("\\" + sub)) instances(modules, sub, copies * cell.getValue().asInt(), acc);
        }
        return acc;
    }

    /** Per module of the unflattened synthesis: LUT4, DFF, carry, RAM. */
    private static Map<String, SynthReport.Area> units(JsonNode stat, String top) {
        Map<String, SynthReport.Area> units = new LinkedHashMap<>();
        JsonNode modules = stat.get("modules");
        Map<String, Integer> copiesOf = instances(modules, top, 1, new LinkedHashMap<>());
        for (var it = modules.fields(); it.hasNext(); ) {
            var m = it.next();
            JsonNode cells = m.getValue().get("num_cells_by_type");
            String name = m.getKey().replace("\\", "");
            int copies = copiesOf.getOrDefault(name, 0);
            units.put(name, new SynthReport.Area(copies, count(cells, "SB_LUT4"),
                count(cells, DFF_TYPES),
                count(cells, "SB_CARRY"), count(cells, "SB_RAM40_4K"), count(cells, "SB_SPRAM256KA")));
        }
        return units;
    }

    private interface Step<T> {
        T get() throws IOException;
    }

    /** Runs one step with a line of progress: its name, then the seconds it took. */
    private <T> T step(String what, Step<T> body) throws IOException {
        progress.print("  " + what + " ... ");
        progress.flush();
        long t0 = System.nanoTime();
        Thread ticker = new Thread(() -> {
            try {
                while (true) {
                    TimeUnit.SECONDS.sleep(15);
                    progress.print(".");
                    progress.flush();
                }
            } catch (InterruptedException done) {
                Thread.currentThread().interrupt();
            }
        });
        ticker.setDaemon(true);
        ticker.start();
        try {
            T result = body.get();
            progress.printf("%.0f s%n", (System.nanoTime() - t0) / 1e9);
            return result;
        } finally {
            ticker.interrupt();
        }
    }

    /** Runs a tool in {@code dir}, its output in {@code log}; a failure names the log and shows its end. */
    private static Void tool(Path dir, String log, String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(dir.resolve(log).toFile()).start();
        try {
            int rc = p.waitFor();
            if (rc != 0) {
                List<String> lines = Files.readAllLines(dir.resolve(log));
                String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
                throw new SynthException(cmd[0] + " failed (exit " + rc + "), log " + dir.resolve(log) + ":\n" + tail);
            }
            return null;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new SynthException("interrupted while running " + cmd[0]);
        }
    }

    /** A tool failed, or the design does not fit: the message says which and where to look. */
    public static final class SynthException extends RuntimeException {
        public SynthException(String message) { super(message); }
    }
}
