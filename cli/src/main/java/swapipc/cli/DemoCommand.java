package swapipc.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import swapipc.hdl.Generator;
import swapipc.model.AccessStatus;
import swapipc.model.Config;
import swapipc.model.ReleasePolicy;
import swapipc.sim.CallProfile;
import swapipc.sim.IpcHarness;
import swapipc.sim.Workspace;
import swapipc.sim.firmware.FirmwareHarness;

import java.util.Arrays;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "End to end: generate the IpcUnit, run seeded two-party calls on it against the model under both "
        + "release policies (the same calls), print calls, mismatches and pool occupancy.")
final class DemoCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Option(names = "--cycles", defaultValue = "200000", description = "Cycles of traffic per policy (default ${DEFAULT-VALUE}).")
    long cycles;

    @Option(names = "--seed", description = "Traffic seed (default: a fresh one, printed).")
    Long seed;

    @Option(names = "--waves", description = "Write FST waveforms under target/waves/.")
    boolean waves;

    @Override
    public Integer call() {
        if (cycles <= 0) throw new IllegalArgumentException("--cycles must be positive, got " + cycles);
        Config cfg = config.config();
        long s = seed != null ? seed : System.nanoTime();
        Generator.Output out = Generator.generate(Generator.Top.IPC_UNIT, cfg, Workspace.root().resolve("target/demo"));
        System.out.println("generated:  " + out.verilog() + " (" + out.ports().size() + " ports)");
        System.out.println("parameters: " + cfg.toMap());
        System.out.printf("traffic:    seed %d, %,d cycles per policy, then drained; profile %s%n%n", s, cycles,
            CallProfile.DEFAULT.describe());
        System.out.println("| releasePolicy | calls | messages (pooled) | NONE | refused | BufferPort OK / NONE / refused | mismatches | peak occupancy "
            + "| mean occupancy | sim speed |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        int failed = 0;
        for (ReleasePolicy p : ReleasePolicy.values()) {
            Config c = cfg.withReleasePolicy(p);
            IpcHarness.Result r = IpcHarness.run(c, CallProfile.DEFAULT, s, cycles, IpcHarness.replay(c, s, cycles), waves);
            long ok = r.bufferAnswers(AccessStatus.OK);
            long none = r.bufferAnswers(AccessStatus.NONE);
            long bad = Arrays.stream(r.bufferAnswers()).sum() - ok - none;
            System.out.printf("| %s | %,d | %,d (%,d) | %,d | %,d | %,d / %,d / %,d | %d | %d of %d | %.1f | %.2f M cycles/s |%n", p,
                r.calls(), r.messages(), r.pooled(), r.none(), r.refused(), ok, none, bad, r.passed() ? 0 : 1, r.peakOccupancy(), c.buffers(),
                r.meanOccupancy(), r.cycles() / r.seconds() / 1e6);
            if (!r.passed()) {
                System.out.println("MISMATCH: " + r.failure());
                failed++;
            }
        }
        System.out.println();
        System.out.println("Each call and reply was checked against the transaction-level model: content, exactly once, per-pair order,");
        System.out.println("the buffer freed in the cycle its message is presented (EARLY), flags, owners and conservation every cycle;");
        System.out.println("each BufferPort answer against the model's decision (refused: FOREIGN, DOUBLE_FREE, INVALID_REF, OUT_OF_RANGE),");
        System.out.println("and every word read from a claimed buffer against what its owner wrote" + (cfg.zeroize() ? " or 0 (zeroize)." : "."));
        // The bus path: the C driver, compiled for this host, on the committed AXI4-Lite top.
        String fw = FirmwareHarness.runOnRtl().trim();
        String summary = fw.substring(fw.lastIndexOf('\n') + 1);
        boolean busOk = summary.contains(" 0 failures");
        System.out.println();
        System.out.println("bus path:   C driver (firmware/src/swapipc.c) over AXI4-Lite on rtl-generated/IpcAxiLite.v (default configuration): "
            + summary.replace("driver tests: ", ""));
        if (!busOk) System.out.println(fw);
        boolean boardOk = board(s);
        boolean systemOk = threeParty(s);
        return failed == 0 && busOk && boardOk && systemOk ? 0 : 1;
    }

    /** The board path: the Java host library through the simulated iCEBreaker's UART bridge (`./swapipc board --sim demo`). */
    private static boolean board(long seed) {
        swapipc.model.Board b = swapipc.model.Board.ICEBREAKER;
        try (swapipc.sim.board.SimulatedBoard sim = new swapipc.sim.board.SimulatedBoard(b, 4_000_000, null);
             swapipc.host.BridgeLink link = new swapipc.host.BridgeLink(sim)) {
            swapipc.host.BoardDemo.Result r = swapipc.host.BoardDemo.run(link, b.config(), 4, seed);
            System.out.println();
            System.out.printf("board path: Java host library through the UART bridge of the simulated iCEBreaker (%d cycles per bit): "
                + "%d calls + replies, %d frames, mismatches %d, %.2f s of board time%n", b.baudDivisor(), r.replies(), r.frames(),
                r.mismatches().size(), sim.cycle() / (double) b.clockHz());
            r.mismatches().forEach(m -> System.out.println("MISMATCH: " + m));
            return r.passed();
        }
    }

    /** 16 threads per server and pools that ON_RETURN cannot run dry at 32 calls in flight. */
    static final swapipc.model.SystemConfig DEMO_SYSTEM = new swapipc.model.SystemConfig(4, 2, 16, 64, 64, 0, 0, 256, 8, ReleasePolicy.EARLY, false);

    /** A short run of the memory-savings experiment (`./swapipc sim`): 32 calls in flight, both policies, the same calls. */
    private static boolean threeParty(long seed) {
        System.out.println();
        System.out.println("three-party: IpcSystem " + DEMO_SYSTEM.toMap() + ", 150 calls at 32 in flight, service 1000 + Pareto(1000) cycles");
        java.nio.file.Path dir = Workspace.root().resolve("target/demo/experiment");
        try {
            java.nio.file.Files.createDirectories(dir);
            swapipc.sim.SystemHarness.Traffic traffic = swapipc.sim.SystemHarness.Traffic.REALISTIC.withCalls(150);
            java.util.List<Experiment.Point> points = Experiment.run(DEMO_SYSTEM, traffic, java.util.List.of(32),
                java.util.List.of(ReleasePolicy.EARLY, ReleasePolicy.ON_RETURN), seed, 100_000_000L);
            System.out.println();
            System.out.print(Experiment.table(points));
            Experiment.writeCsv(points, dir.resolve("results.csv"));
            Experiment.writePlots(points, dir);
            System.out.println();
            System.out.println(Experiment.headline(points, 32) + "; plots and CSV in " + dir);
            for (Experiment.Point p : points) if (!p.result().passed()) System.out.println("MISMATCH: " + p.result().failure());
            return points.stream().allMatch(p -> p.result().passed());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
