package swapipc.sim.firmware;

import swapipc.sim.Workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the C driver (firmware/src/swapipc.c): strict C99 for the host, RV32 freestanding, and
 * the firmware tests (firmware/test) linked with the Verilated committed rtl-generated/IpcAxiLite.v
 * and a C++ AXI4-Lite master, then runs them. Used by the test suite and `./swapipc demo`.
 */
public final class FirmwareHarness {
    /** The flags every C build of the driver must pass without a warning. */
    public static final List<String> STRICT = List.of("-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic");

    private FirmwareHarness() {}

    private static Path fw() { return Workspace.root().resolve("firmware"); }

    /** A command's output; a nonzero exit fails with the command and what it printed. */
    public static String run(Path dir, List<String> cmd) {
        try {
            Files.createDirectories(dir);
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int rc = p.waitFor();
            if (rc != 0) throw new IllegalStateException(String.join(" ", cmd) + " exited " + rc + ":\n" + out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path scratch(String name) { return Workspace.root().resolve("target/firmware/" + name); }

    /** Compiles `file` (under firmware/) for the host with {@link #STRICT}; returns the compiler's output (empty when clean). */
    public static String compileForHost(String file) {
        List<String> cmd = new ArrayList<>(List.of("gcc", "-c", "-O2"));
        cmd.addAll(STRICT);
        cmd.addAll(List.of("-I" + fw().resolve("include"), "-I" + fw().resolve("test"), fw().resolve(file).toString(),
            "-o", Path.of(file).getFileName() + ".o"));
        return run(scratch("host"), cmd);
    }

    /** Compiles the driver for RV32 (rv32imac, ilp32, freestanding); returns the object file. */
    public static Path compileForRv32() {
        List<String> cmd = new ArrayList<>(List.of("riscv64-unknown-elf-gcc", "-c", "-Os", "-march=rv32imac", "-mabi=ilp32", "-ffreestanding"));
        cmd.addAll(STRICT);
        cmd.addAll(List.of("-I" + fw().resolve("include"), fw().resolve("src/swapipc.c").toString(), "-o", "swapipc.o"));
        String out = run(scratch("rv32"), cmd);
        if (!out.isBlank()) throw new IllegalStateException("warnings compiling the driver for RV32:\n" + out);
        return scratch("rv32").resolve("swapipc.o");
    }

    /** Builds and runs the firmware tests on the Verilated AXI4-Lite top; returns their output (the last line is the summary). */
    public static String runOnRtl() {
        Path dir = scratch("axi");
        run(dir, List.of("verilator", "--cc", "--exe", "--build", "-j", "2", "-O2", "-Wno-fatal", "--top-module", "IpcAxiLite",
            "-CFLAGS", "-I" + fw().resolve("include") + " -I" + fw().resolve("test") + " -O1", "-Mdir", "obj", "-o", "driver_test",
            Workspace.root().resolve("rtl-generated/IpcAxiLite.v").toString(), fw().resolve("test/axi_bfm.cpp").toString(),
            fw().resolve("test/driver_test.c").toString(), fw().resolve("src/swapipc.c").toString()));
        return run(dir, List.of(dir.resolve("obj/driver_test").toString()));
    }
}
