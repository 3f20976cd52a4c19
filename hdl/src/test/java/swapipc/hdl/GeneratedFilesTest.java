package swapipc.hdl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import swapipc.model.Config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** rtl-generated/ must be exactly what a fresh generation of the default configuration writes. */
class GeneratedFilesTest {
    static Path root() {
        return Path.of(System.getProperty("swapipc.root", "..")).toAbsolutePath().normalize();
    }

    @Test
    void committedRtlMatchesAFreshRun(@TempDir Path tmp) throws IOException {
        for (Generator.Output out : Generator.generateCommitted(tmp)) {
            for (Path fresh : new Path[] {out.verilog(), out.manifest()}) {
                String file = fresh.getFileName().toString();
                Path committed = root().resolve("rtl-generated").resolve(file);
                assertTrue(Files.exists(committed), committed + " is missing: run ./swapipc generate");
                assertEquals(Files.readString(fresh), Files.readString(committed),
                    "rtl-generated/" + file + " is stale: run ./swapipc generate and commit the result");
            }
        }
    }

    @Test
    void documentsAndHeadersMatchTheirSource() throws IOException {
        for (Map.Entry<String, String> e : GeneratedDocs.all().entrySet()) {
            Path doc = root().resolve(e.getKey());
            assertTrue(Files.exists(doc), doc + " is missing: run ./swapipc generate");
            assertEquals(e.getValue(), Files.readString(doc), e.getKey() + " is stale: run ./swapipc generate and commit the result");
        }
    }

    @Test
    void generationIsDeterministicAndMarked(@TempDir Path tmp) throws IOException {
        Generator.Output first = Generator.generate(Generator.Top.IPC_UNIT, Config.DEFAULT, tmp.resolve("a"));
        Generator.Output second = Generator.generate(Generator.Top.IPC_UNIT, Config.DEFAULT, tmp.resolve("b"));
        String a = Files.readString(first.verilog());
        assertEquals(a, Files.readString(second.verilog()));
        assertTrue(a.startsWith(Generator.MARK), "generated Verilog must start with the auto-generated mark");
        assertTrue(a.contains("// buffers = 32\n"), "the header lists the parameters");
    }
}
