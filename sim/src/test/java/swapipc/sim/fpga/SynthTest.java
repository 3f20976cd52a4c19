package swapipc.sim.fpga;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import swapipc.hdl.Generator;
import swapipc.model.Board;
import swapipc.model.Config;
import swapipc.sim.Workspace;

import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The FPGA flow end to end (yosys synth_ice40, nextpnr-ice40): the default ControlArea fits each
 * device within the area budget and its report carries Fmax, the critical path and area per unit;
 * a design too large for the device is stopped with a message that says what overflowed.
 */
@Execution(ExecutionMode.CONCURRENT)
class SynthTest {
    /**
     * Below the clock targets (issue 9, docs/fpga.md), each build also has a floor: its seed-1
     * Fmax as measured (ControlArea 2026-12-03, IpcUnit 2026-12-04) less about 10 %, so that a change that slows it fails here
     * (nextpnr is deterministic for a fixed seed). Raise a floor when the design gets faster.
     */
    @ParameterizedTest
    @CsvSource({"HX8K, 67", "UP5K, 25"})
    void controlAreaFitsAndIsReported(Device device, double floorMhz) throws Exception {
        var dir = Workspace.root().resolve("target/synth-test/ControlArea-" + device.name);
        SynthReport r = new SynthFlow(new SynthFlow.Request(Generator.Top.CONTROL_AREA, Config.DEFAULT, device,
            device.requiredMhz(Generator.Top.CONTROL_AREA), List.of(1), dir), System.out).run();
        r.write(dir);
        System.out.print(r.markdown());
        assertTrue(r.fits(), r.problems().toString());
        assertAboveFloor(r, floorMhz);
        assertTrue(!r.best().criticalPath().units().isEmpty(), "the critical path names its units");
        assertTrue(r.units().containsKey("ControlArea_FlagBank") && r.units().get("ControlArea_FlagBank").lut4() > 0, r.units().toString());
        assertTrue(Files.readString(dir.resolve("report.json")).contains("\"fmaxMhz\""));
    }

    /**
     * The default IpcUnit on the HX8K, and the icebreaker profile on the UP5K, within 75 % of the
     * logic cells and 90 % of the block RAMs. The UP5K build is held to issue 9's required 30 MHz
     * (seed 1: 30.03 MHz, 2026-12-04); the HX8K's is still below its 75 MHz (docs/fpga.md), so it
     * has a floor as above (seed 1: 64.8 MHz).
     */
    @ParameterizedTest
    @CsvSource({"HX8K, '', 58.5", "UP5K, profile=icebreaker, 30"})
    void ipcUnitFitsTheDevice(Device device, String settings, double floorMhz) {
        Config cfg = settings.isEmpty() ? Config.DEFAULT : Config.DEFAULT.with(settings);
        var dir = Workspace.root().resolve("target/synth-test/IpcUnit-" + device.name);
        SynthReport r = new SynthFlow(new SynthFlow.Request(Generator.Top.IPC_UNIT, cfg, device,
            device.requiredMhz(Generator.Top.IPC_UNIT), List.of(1), dir), System.out).run();
        r.write(dir);
        System.out.print(r.markdown());
        assertTrue(r.fits(), r.problems().toString());
        assertAboveFloor(r, floorMhz);
    }

    private static void assertAboveFloor(SynthReport r, double floorMhz) {
        assertTrue(r.best().fmaxMhz() >= floorMhz, "Fmax " + r.best().fmaxMhz() + " MHz fell below its floor of " + floorMhz + " MHz");
    }

    @Test
    void aDesignTooLargeForTheDeviceIsReportedAsSuch() {
        Config huge = Config.DEFAULT.withBuffers(64).withBufferBytes(512);
        var dir = Workspace.root().resolve("target/synth-test/IpcUnit-overflow");
        SynthFlow.SynthException e = assertThrows(SynthFlow.SynthException.class, () ->
            new SynthFlow(new SynthFlow.Request(Generator.Top.IPC_UNIT, huge, Device.UP5K, 30, List.of(1), dir), System.out).run());
        System.out.println(e.getMessage());
        assertTrue(e.getMessage().contains("does not fit the UP5K") && e.getMessage().contains("ICESTORM_RAM"), e.getMessage());
        assertTrue(e.getMessage().contains("IpcUnit_SharedPool"), "the message lists the area per unit");
    }

    /**
     * Each board's bitstream (IpcBoard on the board's pins, PLL at the board clock): placed,
     * meets the board clock by nextpnr and by icetime (which fails the step otherwise), packed.
     */
    @ParameterizedTest
    @EnumSource(Board.class)
    void boardBitstreamBuildsAndMeetsItsClock(Board board) throws Exception {
        var dir = Workspace.root().resolve("target/synth-test/board-" + board.name);
        SynthReport r = new SynthFlow(SynthFlow.Request.of(board, List.of(1), dir), System.out).run();
        r.write(dir);
        System.out.print(r.markdown());
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        assertTrue(Files.size(dir.resolve(board.name + ".bin")) > 100_000, "a bitstream was packed");
        String verilog = Files.readString(dir.resolve("IpcBoard.v"));
        assertTrue(verilog.contains(String.format(".DIVF          (7'h%02x", board.pll().divf())), "the PLL carries model/Pll's dividers");
    }
}
