package swapipc.sim.coverage;

import org.junit.jupiter.api.Test;

import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The default suite's functional coverage goals: every bin of IpcCoverage reached by CoverageRuns from seed 1. */
class IpcCoverageTest {
    @Test
    void everyDefaultGoalIsReached() {
        CoverageRuns.Outcome o = CoverageRuns.run(1, 1);
        System.out.println("IpcCoverageTest: functional coverage, seed 1\n" + o.coverage().table());
        assertTrue(o.failures().isEmpty(), String.join("\n", o.failures()));
        assertTrue(o.coverage().unreached().isEmpty(), "unreached: " + o.coverage().unreached().stream()
            .map(b -> b.point() + " / " + b.name()).collect(Collectors.joining(", "))
            + " (replay: ./swapipc coverage --functional --seeds 1 --first-seed 1)");
    }
}
