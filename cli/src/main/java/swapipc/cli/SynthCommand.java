package swapipc.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import swapipc.hdl.Generator;
import swapipc.model.Board;
import swapipc.sim.Workspace;
import swapipc.sim.fpga.Device;
import swapipc.sim.fpga.SynthFlow;
import swapipc.sim.fpga.SynthReport;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

@Command(name = "synth", mixinStandardHelpOptions = true,
    description = "Synthesize a top for an iCE40 out of context (yosys synth_ice40, nextpnr-ice40) and report area, "
        + "area per unit, Fmax and the critical path under target/synth/<name>/ (report.json, report.md). Exits 1 when "
        + "the top takes more than 75 % of the logic cells or 90 % of the block RAMs, or misses the target clock. "
        + "With --board: the board's bitstream (its pins, PLL clock, icepack, icetime) under target/synth/board-<board>/.")
final class SynthCommand implements Callable<Integer> {
    @Option(names = "--device", description = "up5k (iCEBreaker) or hx8k.")
    String device;

    @Option(names = "--board", description = "icebreaker or hx8k: build that board's bitstream instead of an out-of-context top.")
    String board;

    @Option(names = "--top", defaultValue = "IpcUnit", description = "ControlArea, IpcUnit, IpcAxiLite, IpcApb3 or IpcWishbone (default ${DEFAULT-VALUE}).")
    String top;

    @Mixin
    ConfigOptions config;

    @Option(names = "--seeds", defaultValue = "1", description = "nextpnr placement seeds to try, 1..N (default ${DEFAULT-VALUE}); the best is reported.")
    int seeds;

    @Option(names = "--freq", description = "Target clock in MHz (default: what the top must reach on the device: "
        + "ControlArea 48 / 100, IpcUnit and the bus tops 30 / 75 on UP5K / HX8K).")
    Double freq;

    @Override
    public Integer call() {
        if (seeds < 1) throw new IllegalArgumentException("--seeds must be at least 1, got " + seeds);
        if ((board == null) == (device == null)) throw new IllegalArgumentException("give --device (an out-of-context top) or --board (a bitstream), not " + (board == null ? "neither" : "both"));
        if (board != null) {
            if (freq != null || !config.params.isEmpty()) {
                throw new IllegalArgumentException("a board's clock and configuration are the board's own (swapipc.model.Board); --freq and -p do not apply");
            }
            Board b = Board.of(board);
            Path dir = Workspace.root().resolve("target/synth/board-" + b.name);
            System.out.println("synth the " + b.name + " board (" + b.device.toUpperCase() + ", " + b.clockMhz + " MHz from its PLL), seeds 1.." + seeds + ", into " + dir);
            return run(SynthFlow.Request.of(b, IntStream.rangeClosed(1, seeds).boxed().toList(), dir));
        }
        Device d = Device.of(device);
        Generator.Top t = Arrays.stream(Generator.Top.values()).filter(x -> x.product() && x.module.equalsIgnoreCase(top)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("unknown top '" + top + "': expected one of "
                + Arrays.stream(Generator.Top.values()).filter(Generator.Top::product).map(x -> x.module).toList()));
        if (freq != null && !(freq > 0)) throw new IllegalArgumentException("--freq must be a positive number of MHz, got " + freq);
        List<Integer> seedList = IntStream.rangeClosed(1, seeds).boxed().toList();
        double mhz = freq != null ? freq : d.requiredMhz(t);
        var cfg = config.config();
        Path dir = Workspace.root().resolve("target/synth").resolve(SynthFlow.Request.name(t, cfg, d));
        SynthFlow.Request request = new SynthFlow.Request(t, cfg, d, mhz, seedList, dir);
        System.out.println("synth " + t.module + " for " + d.name.toUpperCase() + " at " + mhz + " MHz, seeds " + seedList + ", into " + dir);
        return run(request);
    }

    private static int run(SynthFlow.Request request) {
        Path dir = request.dir();
        SynthReport report;
        try {
            report = new SynthFlow(request, System.out).run();
        } catch (SynthFlow.SynthException e) {
            System.err.println("swapipc synth: " + e.getMessage());
            return 1;
        }
        report.write(dir);
        System.out.println();
        System.out.print(report.markdown());
        System.out.println("\nwrote " + dir.resolve("report.md") + " and " + dir.resolve("report.json"));
        if (!report.problems().isEmpty()) {
            for (String p : report.problems()) System.err.println("swapipc synth: " + p);
            return 1;
        }
        return 0;
    }
}
