package swapipc.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `./swapipc regress`: seeds with their own knobs, two at once, a summary that names each seed's knobs and verdict. */
class RegressCommandTest {
    @Test
    void twoSeedsInParallelPassAndAreSummarized() throws Exception {
        Path out = Path.of("target/regress-test");
        assertEquals(0, Main.commandLine().execute("regress", "--seeds", "2", "--first", "11", "--cycles", "20000", "--jobs", "2", "--out", out.toString()));
        String summary = Files.readString(swapipc.sim.Workspace.root().resolve(out).resolve("summary.md"));
        assertTrue(summary.contains("2 seeds (11..12), 20,000 cycles each, IpcUnit default: 2 passed, 0 failed"), summary);
        assertTrue(summary.contains("\n| 11 | ") && summary.contains("\n| 12 | "), summary);
        assertTrue(!swapipc.sim.CallProfile.randomized(11).equals(swapipc.sim.CallProfile.randomized(12)), "each seed draws its own knobs");
    }

    /**
     * `./swapipc test --long` only (-Dswapipc.long=true): the bad-input campaign at 10^8 cycles
     * across 50 seeds with randomized knobs, nothing lost or duplicated (docs/benchmarks.md, "Regression").
     */
    @Test
    void hundredMillionCyclesAcrossFiftySeeds() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("swapipc.long"), "runs with ./swapipc test --long");
        Path out = Path.of("target/regress-1e8");
        assertEquals(0, Main.commandLine().execute("regress", "--seeds", "50", "--first", "1001", "--cycles", "2000000", "--jobs", "2", "--out", out.toString()));
        String summary = Files.readString(swapipc.sim.Workspace.root().resolve(out).resolve("summary.md"));
        assertTrue(summary.contains("50 seeds (1001..1050), 2,000,000 cycles each, IpcUnit default: 50 passed, 0 failed"), summary);
    }
}
