package swapipc.hdl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import swapipc.model.Config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** rtl-generated/ must be exactly what a fresh generation of the default configuration writes. */
class GeneratedFilesTest {
    static Path root() {
        return Path.of(System.getProperty("swapipc.root", "..")).toAbsolutePath().normalize();
    }

    @Test
    void committedRtlMatchesAFreshRun(@TempDir Path tmp) throws IOException {
        Generator.generate(Config.DEFAULT, tmp);
        for (String file : new String[] {Generator.TOP + ".v", Generator.TOP + ".manifest.json"}) {
            Path committed = root().resolve("rtl-generated").resolve(file);
            assertTrue(Files.exists(committed), committed + " is missing: run ./swapipc generate");
            assertEquals(Files.readString(tmp.resolve(file)), Files.readString(committed),
                "rtl-generated/" + file + " is stale: run ./swapipc generate and commit the result");
        }
    }

    @Test
    void parameterDocMatchesConfig() throws IOException {
        Path doc = root().resolve("docs/parameters.md");
        assertTrue(Files.exists(doc), doc + " is missing: run ./swapipc generate");
        assertEquals(Config.parametersMarkdown(), Files.readString(doc),
            "docs/parameters.md is stale: run ./swapipc generate and commit the result");
    }

    @Test
    void generationIsDeterministicAndMarked(@TempDir Path tmp) throws IOException {
        Generator.generate(Config.DEFAULT, tmp.resolve("a"));
        Generator.generate(Config.DEFAULT, tmp.resolve("b"));
        String a = Files.readString(tmp.resolve("a").resolve(Generator.TOP + ".v"));
        assertEquals(a, Files.readString(tmp.resolve("b").resolve(Generator.TOP + ".v")));
        assertTrue(a.startsWith(Generator.MARK), "generated Verilog must start with the auto-generated mark");
        assertTrue(a.contains("// buffers = 32\n"), "the header lists the parameters");
    }
}
