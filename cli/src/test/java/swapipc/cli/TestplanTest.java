package swapipc.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/testplan.md names only tests that exist, and has a row for every claim and figure. */
class TestplanTest {
    private static final Path ROOT = Path.of(System.getProperty("swapipc.root", "..")).toAbsolutePath().normalize();
    private static final Pattern TEST = Pattern.compile("`([A-Z]\\w*Test)(?:#(\\w+))?`");

    @Test
    void everyNamedTestExists() throws IOException {
        String plan = Files.readString(ROOT.resolve("docs/testplan.md"));
        Matcher m = TEST.matcher(plan);
        List<String> missing = new ArrayList<>();
        int named = 0;
        while (m.find()) {
            named++;
            Optional<Path> file = testSource(m.group(1));
            if (file.isEmpty()) {
                missing.add(m.group(1));
            } else if (m.group(2) != null && !Files.readString(file.get()).contains("void " + m.group(2) + "(")) {
                missing.add(m.group(1) + "#" + m.group(2));
            }
        }
        assertTrue(named > 30, "the testplan names tests");
        assertEquals(List.of(), missing, "docs/testplan.md names tests that do not exist");
    }

    @Test
    void everyClaimAndFigureHasARow() throws IOException {
        String plan = Files.readString(ROOT.resolve("docs/testplan.md"));
        for (int claim = 1; claim <= 23; claim++) {
            assertTrue(plan.contains("\n| " + claim + " |"), "no row for claim " + claim);
        }
        for (int fig = 4; fig <= 8; fig++) {
            assertTrue(plan.contains("\n| Fig. " + fig + " |"), "no row for figure " + fig);
        }
    }

    private static Optional<Path> testSource(String cls) throws IOException {
        try (Stream<Path> files = Files.walk(ROOT, 8)) {
            return files.filter(p -> p.toString().contains("/src/test/java/") && p.getFileName().toString().equals(cls + ".java"))
                .findFirst();
        }
    }
}
