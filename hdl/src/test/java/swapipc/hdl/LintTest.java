package swapipc.hdl;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import swapipc.model.Board;
import swapipc.model.Config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** `verilator --lint-only -Wall` finds nothing beyond the waivers justified in hdl/lint/waivers.vlt (cases run two at a time). */
@Execution(ExecutionMode.CONCURRENT)
class LintTest {
    /**
     * The committed tops and a second, renamed IpcUnit configuration in one Verilator run: no two
     * files define the same module (MODDUP), so they can be integrated side by side.
     */
    @org.junit.jupiter.api.Test
    void committedTopsAndASecondConfigurationVerilateTogether(@TempDir Path tmp) throws IOException, InterruptedException {
        Path rtl = GeneratedFilesTest.root().resolve("rtl-generated");
        Generator.Output second = Generator.generate(Generator.Top.IPC_UNIT, Config.DEFAULT.withBuffers(8), tmp, "IpcUnitSmall");
        Process p = new ProcessBuilder("verilator", "--lint-only", "-Wno-MULTITOP", "-Wno-DECLFILENAME",
            rtl.resolve("ControlArea.v").toString(), rtl.resolve("IpcUnit.v").toString(), second.verilog().toString())
            .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), log);
        assertEquals("", log.trim());
    }

    @ParameterizedTest
    @ValueSource(strings = {"buffers=32", "buffers=1", "buffers=33,allocPolicy=SCAN", "buffers=256,ports=3",
        "buffers=2,allocPolicy=SCAN,ports=1,bufferBytes=16", "endpoints=3,inlineBytes=0,releasePolicy=ON_RETURN",
        "endpoints=16,buffers=1,queueDepth=2,bufferBytes=16,inlineBytes=4", "debugPorts=true",
        "debugPorts=true,endpoints=3,releasePolicy=ON_RETURN"})
    void generatedVerilogIsLintClean(String settings, @TempDir Path tmp) throws IOException, InterruptedException {
        Config cfg = Config.DEFAULT;
        for (String s : settings.split(",")) cfg = cfg.with(s);
        for (Generator.Output out : Generator.generateAll(cfg, tmp)) lintClean(out.verilog(), out.top().module + " with " + settings);
    }

    @ParameterizedTest
    @ValueSource(strings = {"clients=4", "clients=1,servers=1,threads=1,clientBuffers=12,queueDepth=8",
        "debugPorts=true,releasePolicy=ON_RETURN,servers=3,threads=3,clientBuffers=64,serverBuffers=16"})
    void generatedSystemIsLintClean(String settings, @TempDir Path tmp) throws IOException, InterruptedException {
        swapipc.model.SystemConfig sys = swapipc.model.SystemConfig.DEFAULT;
        for (String s : settings.split(",")) sys = sys.with(s);
        lintClean(Generator.generateSystem(sys, tmp, "IpcSystem").verilog(), "IpcSystem with " + settings);
    }

    /** What each board runs (the bitstream top adds only the PLL primitive and the reset counter, checked by yosys). */
    @ParameterizedTest
    @EnumSource(Board.class)
    void boardCoreIsLintClean(Board board, @TempDir Path tmp) throws IOException, InterruptedException {
        lintClean(Generator.generateBoard(board, Generator.Top.BOARD_CORE, tmp).verilog(), "the " + board.name + " board core");
    }

    /** `verilator --lint-only -Wall` with the waivers, and {@code extra} options, on {@code verilog}: exit 0 and nothing printed. */
    static void lintClean(Path verilog, String what, String... extra) throws IOException, InterruptedException {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("verilator", "--lint-only", "-Wall"));
        cmd.addAll(java.util.List.of(extra));
        cmd.add(GeneratedFilesTest.root().resolve("hdl/lint/waivers.vlt").toString());
        cmd.add(verilog.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), log);
        assertEquals("", log.trim(), "lint warnings for " + what);
    }
}
