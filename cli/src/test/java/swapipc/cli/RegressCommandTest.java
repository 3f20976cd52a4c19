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
}
