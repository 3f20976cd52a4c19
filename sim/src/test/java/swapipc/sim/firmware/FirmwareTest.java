package swapipc.sim.firmware;

import org.junit.jupiter.api.Test;
import swapipc.sim.Workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The C driver (firmware/src/swapipc.c): warning-free C99 for the host and for RV32 (freestanding,
 * no undefined symbol: it needs nothing from a C library), and, compiled for the host, run
 * against the committed rtl-generated/IpcAxiLite.v through a C++ AXI4-Lite master
 * (firmware/test): calls and replies of every length, its own buffers, and every error path.
 */
class FirmwareTest {
    private static final List<String> STRICT = List.of("-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic");

    private static Path root() { return Workspace.root(); }

    private static String run(Path dir, List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        assertEquals(0, rc, String.join(" ", cmd) + " failed:\n" + out);
        return out;
    }

    private static Path scratch(String name) throws IOException {
        Path dir = root().resolve("target/firmware/" + name);
        Files.createDirectories(dir);
        return dir;
    }

    @Test
    void driverAndItsTestsCompileWarningFreeForTheHost() throws Exception {
        Path dir = scratch("host");
        for (String src : List.of("src/swapipc.c", "test/driver_test.c")) {
            List<String> cmd = new ArrayList<>(List.of("gcc", "-c", "-O2"));
            cmd.addAll(STRICT);
            cmd.addAll(List.of("-I" + root().resolve("firmware/include"), "-I" + root().resolve("firmware/test"),
                root().resolve("firmware/" + src).toString(), "-o", dir.resolve(Path.of(src).getFileName() + ".o").toString()));
            assertEquals("", run(dir, cmd).trim(), "warnings compiling " + src);
        }
    }

    @Test
    void driverCompilesForRv32AndNeedsNoCLibrary() throws Exception {
        Path dir = scratch("rv32");
        List<String> cmd = new ArrayList<>(List.of("riscv64-unknown-elf-gcc", "-c", "-Os", "-march=rv32imac", "-mabi=ilp32", "-ffreestanding"));
        cmd.addAll(STRICT);
        cmd.addAll(List.of("-I" + root().resolve("firmware/include"), root().resolve("firmware/src/swapipc.c").toString(), "-o", "swapipc.o"));
        assertEquals("", run(dir, cmd).trim());
        assertEquals("", run(dir, List.of("riscv64-unknown-elf-nm", "-u", "swapipc.o")).trim(), "the driver calls something it does not define");
        String size = run(dir, List.of("riscv64-unknown-elf-size", "swapipc.o"));
        System.out.println("FirmwareTest: RV32 driver size\n" + size.trim());
    }

    @Test
    void driverRunsCallsRepliesAndEveryErrorPathOnTheRtl() throws Exception {
        Path dir = scratch("axi");
        Path fw = root().resolve("firmware");
        run(dir, List.of("verilator", "--cc", "--exe", "--build", "-j", "2", "-O2", "-Wno-fatal", "--top-module", "IpcAxiLite",
            "-CFLAGS", "-I" + fw.resolve("include") + " -I" + fw.resolve("test") + " -O1", "-Mdir", "obj", "-o", "driver_test",
            root().resolve("rtl-generated/IpcAxiLite.v").toString(), fw.resolve("test/axi_bfm.cpp").toString(),
            fw.resolve("test/driver_test.c").toString(), fw.resolve("src/swapipc.c").toString()));
        String out = run(dir, List.of(dir.resolve("obj/driver_test").toString()));
        System.out.print("FirmwareTest: " + out);
        assertTrue(out.contains(" 0 failures"), out);
        assertTrue(out.contains(" 12 error paths"), "every error path ran:\n" + out);
    }
}
