package swapipc.sim;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/timing/ is what a fresh lockstep run draws: the diagrams cannot drift from the RTL. */
class TimingDiagramTest {
    @Test
    void committedDiagramsMatchAFreshRun() throws IOException {
        for (TimingDiagram.Drawing d : TimingDiagram.all()) {
            Path committed = Workspace.root().resolve("docs/timing").resolve(d.file());
            assertEquals(Files.readString(committed), d.render(),
                committed + " differs from a fresh run; regenerate with ./swapipc timing");
        }
    }
}
