package swapipc.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import swapipc.model.Config;
import swapipc.sim.CallProfile;
import swapipc.sim.Designs;
import swapipc.sim.IpcHarness;
import swapipc.sim.Workspace;
import swapipc.sim.bridge.VerilatedModel;
import swapipc.sim.coverage.FunctionalCoverage;
import swapipc.sim.coverage.IpcCoverage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

@Command(name = "regress", mixinStandardHelpOptions = true,
    description = "Many seeds of the IpcUnit's random bench (IpcHarness: every message, flag, owner and BufferPort answer against the "
        + "model, then drained), each seed with its own traffic knobs (CallProfile.randomized). Prints a table, writes it to "
        + "<out>/summary.md, prints a replay command for each failing seed and exits 1 if any failed.")
final class RegressCommand implements Callable<Integer> {
    @Option(names = "--seeds", defaultValue = "20", description = "How many seeds (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--first", defaultValue = "1", description = "The first seed (default ${DEFAULT-VALUE}); seeds run first, first + 1, ...")
    long first;

    @Option(names = "--cycles", defaultValue = "200000", description = "Cycles of traffic per seed before the drain (default ${DEFAULT-VALUE}).")
    long cycles;

    @Option(names = "--jobs", defaultValue = "1", description = "Seeds run at once, one thread and one model instance each (default ${DEFAULT-VALUE}).")
    int jobs;

    @Option(names = "--out", defaultValue = "target/regress", description = "Where summary.md goes (default ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws IOException, InterruptedException, ExecutionException {
        if (seeds < 1) throw new IllegalArgumentException("--seeds must be at least 1, got " + seeds);
        if (cycles < 1) throw new IllegalArgumentException("--cycles must be at least 1, got " + cycles);
        if (jobs < 1 || jobs > 64) throw new IllegalArgumentException("--jobs must be in 1..64, got " + jobs);
        Config cfg = config.config();
        // Built once before the workers start, so they share one cached model library.
        VerilatedModel.of(Designs.ipcUnit(cfg), false);
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        List<Future<IpcHarness.Result>> runs = new ArrayList<>();
        List<IpcHarness.Result> results = new ArrayList<>();
        long start = System.nanoTime();
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("regress").setInitialMax(seeds)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err)).build()) {
            for (int k = 0; k < seeds; k++) {
                long seed = first + k;
                runs.add(pool.submit(() -> {
                    IpcHarness.Result r = IpcHarness.run(cfg, CallProfile.randomized(seed), seed, cycles, replay(cfg, seed), false);
                    bar.step();
                    return r;
                }));
            }
            for (Future<IpcHarness.Result> f : runs) results.add(f.get());
        } finally {
            pool.shutdownNow();
        }
        String table = table(cfg, results, (System.nanoTime() - start) / 1e9);
        System.out.print(table);
        Path dir = Workspace.root().resolve(out);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("summary.md"), table);
        System.out.println("wrote " + dir.resolve("summary.md"));
        for (IpcHarness.Result r : results) {
            if (!r.passed()) System.err.println("swapipc regress: seed " + r.seed() + " FAILED: " + r.failure() + "\n  replay: " + replay(cfg, r.seed()));
        }
        return results.stream().allMatch(IpcHarness.Result::passed) ? 0 : 1;
    }

    private String replay(Config cfg, long seed) {
        return "./swapipc regress --first " + seed + " --seeds 1 --cycles " + cycles + cfg.paramArgs();
    }

    private String table(Config cfg, List<IpcHarness.Result> results, double seconds) {
        long passed = results.stream().filter(IpcHarness.Result::passed).count();
        StringBuilder sb = new StringBuilder(String.format("%n%d seeds (%d..%d), %,d cycles each, IpcUnit %s: %d passed, %d failed, %.0f s with %d jobs%n%n",
            results.size(), first, first + results.size() - 1, cycles, cfg.equals(Config.DEFAULT) ? "default" : cfg.toMap().toString(),
            passed, results.size() - passed, seconds, jobs));
        sb.append("| seed | in flight | lengths | service | fail-fast | bad sends | abuse | reset every | BufferPort (bad) | calls | messages (pooled) "
            + "| NONE | refused | resets | peak | coverage | result |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (IpcHarness.Result r : results) {
            CallProfile p = r.profile();
            sb.append(String.format("| %d | %d | %d..%s | %d..%d | %.0f %% | %.0f %% | %.0f %% | %s | %.0f %% (%.0f %%) | %,d | %,d (%,d) | %,d | %,d | %d | %d / %d | %.0f %% | %s |%n",
                r.seed(), p.callsInFlight(), p.minLength(), p.maxLength() == Integer.MAX_VALUE ? "max" : String.valueOf(p.maxLength()),
                p.serviceMin(), p.serviceMax(), 100 * p.failFast(), 100 * p.badSend(), 100 * p.abuse(),
                p.resetEvery() == 0 ? "never" : String.format("%,d", p.resetEvery()), 100 * p.bufferOps(), 100 * p.bufferBad(),
                r.calls(), r.messages(), r.pooled(), r.none(), r.refused(), r.resets(), r.peakOccupancy(), cfg.buffers(),
                100 * r.coverage().reachedShare(), r.passed() ? "pass" : "**FAIL**: `" + replay(cfg, r.seed()) + "`"));
        }
        FunctionalCoverage merged = IpcCoverage.declare(new FunctionalCoverage());
        results.forEach(r -> merged.merge(r.coverage()));
        List<FunctionalCoverage.Bin> missing = merged.unreached();
        sb.append(String.format("%nFunctional coverage (IpcCoverage goals, docs/coverage.md), merged over these seeds: %.0f %% of the bins%s%n",
            100 * merged.reachedShare(), missing.isEmpty() ? "" : "; unreached: " + String.join(", ",
                missing.stream().map(b -> b.point() + " / " + b.name()).toList())));
        return sb.toString();
    }
}
