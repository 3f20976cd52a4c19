package swapipc.hdl;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * swapipc.core (FuseSoC CAPI 2, regenerated and compared by GeneratedFilesTest): every file it
 * names exists, every committed top has a target, and each lint target run as FuseSoC's
 * Verilator backend would run it (its filesets, its toplevel, -Wall) is clean.
 */
class FuseSocCoreTest {
    @Test
    void everyTopHasATargetWhoseLintIsClean() throws IOException, InterruptedException {
        Path root = GeneratedFilesTest.root();
        String core = Files.readString(root.resolve("swapipc.core"));
        assertTrue(core.startsWith("CAPI=2:\n"), "a CAPI 2 core starts with its version line");
        Matcher files = Pattern.compile("files: \\[([^\\]]+)\\]").matcher(core);
        int named = 0;
        while (files.find()) {
            assertTrue(Files.exists(root.resolve(files.group(1))), files.group(1) + " is named in swapipc.core but missing");
            named++;
        }
        assertEquals(Generator.committedModules().size() + 1, named, "one fileset per committed top, and the waivers");
        try (var listing = Files.list(root.resolve("rtl-generated"))) {
            assertEquals(Generator.committedModules().stream().sorted().toList(), listing.map(f -> f.getFileName().toString())
                .filter(f -> f.endsWith(".v")).map(f -> f.substring(0, f.length() - 2)).sorted().toList(), "rtl-generated/ holds exactly the committed modules");
        }
        for (String top : Generator.committedModules()) {
            assertTrue(core.contains("\n  lint_" + top + ":\n"), "no lint target for " + top);
            LintTest.lintClean(root.resolve("rtl-generated/" + top + ".v"), "lint_" + top, "--top-module", top);
        }
    }
}
