package swapipc.sim.coverage;

import swapipc.model.Config;
import swapipc.sim.CallProfile;
import swapipc.sim.IpcHarness;

import java.util.ArrayList;
import java.util.List;

/**
 * The runs whose merged functional coverage must reach every goal of {@link IpcCoverage}: the
 * default unit under the default traffic, a four-buffer three-endpoint unit (the pool runs dry),
 * and the bad-input campaign (resets mid-traffic, refused sends); each from its own seed.
 */
public final class CoverageRuns {
    public record Run(String name, Config config, CallProfile profile, long cycles) {
        String replay(long seed) {
            return "./swapipc coverage --functional --seeds 1 --first-seed " + seed;
        }
    }

    public static final List<Run> RUNS = List.of(
        new Run("default", Config.DEFAULT, CallProfile.DEFAULT, 200_000),
        new Run("4 buffers, 3 endpoints, no zeroize", Config.DEFAULT.withBuffers(4).withEndpoints(3).withZeroize(false), CallProfile.DEFAULT, 100_000),
        new Run("campaign", Config.DEFAULT, CallProfile.CAMPAIGN, 100_000));

    /** The merged coverage of every run for each of {@code seeds} seeds from {@code firstSeed}, and any failures. */
    public record Outcome(FunctionalCoverage coverage, List<String> failures) {}

    private CoverageRuns() {}

    public static Outcome run(long firstSeed, int seeds) {
        FunctionalCoverage merged = IpcCoverage.declare(new FunctionalCoverage());
        List<String> failures = new ArrayList<>();
        for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
            for (Run r : RUNS) {
                IpcHarness.Result res = IpcHarness.run(r.config(), r.profile(), seed, r.cycles(), r.replay(seed), false);
                if (!res.passed()) failures.add(r.name() + ": " + res.failure());
                merged.merge(res.coverage());
            }
        }
        return new Outcome(merged, failures);
    }
}
