package swapipc.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import swapipc.sim.coverage.CoverageRuns;
import swapipc.sim.coverage.FunctionalCoverage;

import java.util.concurrent.Callable;

@Command(name = "functional-coverage", mixinStandardHelpOptions = true,
    description = "The IpcUnit's functional coverage (IpcCoverage: send answers, length classes, messages to oneself, queue and pool "
        + "states, BufferPort answers, same-cycle contention, resets, held answers) over CoverageRuns for each seed, merged; "
        + "exits 1 if a goal is unreached or a run fails.")
final class FunctionalCoverageCommand implements Callable<Integer> {
    @Option(names = "--seeds", defaultValue = "1", description = "How many seeds (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--first-seed", defaultValue = "1", description = "The first seed (default ${DEFAULT-VALUE}).")
    long firstSeed;

    @Override
    public Integer call() {
        if (seeds < 1) throw new IllegalArgumentException("--seeds must be at least 1, got " + seeds);
        CoverageRuns.Outcome o = CoverageRuns.run(firstSeed, seeds);
        System.out.printf("Functional coverage, seeds %d..%d, runs: %s%n%n", firstSeed, firstSeed + seeds - 1,
            String.join("; ", CoverageRuns.RUNS.stream().map(r -> r.name() + " (" + String.format("%,d", r.cycles()) + " cycles)").toList()));
        System.out.print(o.coverage().table());
        System.out.printf("%n%.0f %% of the goals reached%n", 100 * o.coverage().reachedShare());
        for (FunctionalCoverage.Bin b : o.coverage().unreached()) System.err.println("swapipc: unreached: " + b.point() + " / " + b.name());
        o.failures().forEach(f -> System.err.println("swapipc: FAILED: " + f));
        return o.failures().isEmpty() && o.coverage().unreached().isEmpty() ? 0 : 1;
    }
}
