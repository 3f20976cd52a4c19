package swapipc.sim.firmware;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The C driver (firmware/src/swapipc.c): warning-free C99 for the host and for RV32 (freestanding,
 * no undefined symbol: it needs nothing from a C library), and, compiled for the host, run
 * against the committed rtl-generated/IpcAxiLite.v through a C++ AXI4-Lite master
 * (firmware/test): calls and replies of every length, its own buffers by CLAIM and by the Fig. 6
 * loop, and every error path.
 */
class FirmwareTest {
    @Test
    void driverAndItsTestsCompileWarningFreeForTheHost() {
        for (String src : List.of("src/swapipc.c", "test/driver_test.c")) {
            assertEquals("", FirmwareHarness.compileForHost(src).trim(), "warnings compiling " + src);
        }
    }

    @Test
    void driverCompilesForRv32AndNeedsNoCLibrary() {
        Path obj = FirmwareHarness.compileForRv32();
        String undefined = FirmwareHarness.run(obj.getParent(), List.of("riscv64-unknown-elf-nm", "-u", obj.toString()));
        assertEquals("", undefined.trim(), "the driver calls something it does not define");
        System.out.println("FirmwareTest: RV32 driver\n" + FirmwareHarness.run(obj.getParent(), List.of("riscv64-unknown-elf-size", obj.toString())).trim());
    }

    @Test
    void driverRunsCallsRepliesAndEveryErrorPathOnTheRtl() {
        String out = FirmwareHarness.runOnRtl();
        System.out.print("FirmwareTest: " + out);
        assertTrue(out.contains(" 0 failures"), out);
        assertTrue(out.contains(" 12 error paths"), "every error path ran:\n" + out);
        assertTrue(out.contains(" 249 calls"), "a call and a reply of every length 0..248:\n" + out);
    }
}
