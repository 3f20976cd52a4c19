package swapipc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {
    private record Run(int code, String err) {}

    private static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        return new Run(cl.execute(args), err.toString());
    }

    @Test
    void badArgumentsGiveOneClearLineAndExitTwo() {
        Run r = run("generate", "-p", "buffers=0");
        assertEquals(2, r.code());
        assertEquals("swapipc: buffers must be in 1..256, got 0", r.err().trim());
        assertEquals("swapipc: unknown parameter 'color'; known: [buffers, bufferBytes, dataWidth, ports, allocPolicy, poolBase, "
            + "endpoints, queueDepth, inlineBytes, releasePolicy, zeroize, debugPorts, profile]",
            run("generate", "-p", "color=red").err().trim());
        assertEquals(2, run("demo", "--cycles", "-5").code());
        assertEquals("swapipc: releasePolicy must be one of EARLY, ON_RETURN, got 'LATE'", run("demo", "-p", "releasePolicy=LATE").err().trim());
        assertEquals("swapipc: endpoints must be in 2..16, got 1", run("demo", "-p", "endpoints=1").err().trim());
        assertTrue(run("lockstep").err().contains("Missing required option: '--seed=<seed>'"));
        assertEquals(2, run("frobnicate").code());
        assertEquals("swapipc: unknown device 'ecp5': expected one of [up5k, hx8k]", run("synth", "--device", "ecp5").err().trim());
        assertEquals("swapipc: unknown top 'Kernel': expected one of [ControlArea, IpcUnit, IpcAxiLite, IpcApb3, IpcWishbone]",
            run("synth", "--device", "hx8k", "--top", "Kernel").err().trim());
        assertEquals("swapipc: --seeds must be at least 1, got 0", run("synth", "--device", "up5k", "--seeds", "0").err().trim());
        assertEquals("swapipc: unknown profile 'big'; known: [icebreaker]", run("synth", "--device", "up5k", "-p", "profile=big").err().trim());
        assertEquals("swapipc: --release must be early, on-return or both, got 'late'", run("sim", "--release", "late").err().trim());
        assertEquals("swapipc: --overflow must be on or off, got 'maybe'", run("sim", "--overflow", "maybe").err().trim());
        assertEquals("swapipc: --in-flight must be a comma list of positive numbers or A..B, got '0..4'",
            run("sim", "--in-flight", "0..4").err().trim());
        assertTrue(run("sim", "--system", "clientBuffers=8").err().trim().startsWith("swapipc: clientBuffers + clientOverflow must be at least 70 (queueDepth + clients + 2)"),
            "the experiment's pools must not deadlock");
        assertEquals("swapipc: unknown system parameter 'cores'; known: [clients, servers, threads, clientBuffers, serverBuffers, clientOverflow, serverOverflow, "
            + "bufferBytes, queueDepth, releasePolicy, debugPorts]", run("sim", "--system", "cores=2").err().trim());
        assertEquals("swapipc: module name '9lives' is not a Verilog identifier (letters, digits, _)",
            run("generate", "--name", "9lives", "-o", "target/never").err().trim());
        assertEquals("swapipc: --jobs must be in 1..64, got 0", run("regress", "--jobs", "0").err().trim());
        assertEquals("swapipc: --seeds must be at least 1, got 0", run("regress", "--seeds", "0").err().trim());
        assertEquals("swapipc: unknown board 'arty'; known: [icebreaker, hx8k]", run("board", "--board", "arty", "--sim", "demo").err().trim());
        assertEquals("swapipc: give --sim or --port DEVICE, not neither", run("board", "demo").err().trim());
        assertEquals("swapipc: unknown action 'flash': ident or demo", run("board", "--sim", "flash").err().trim());
        assertEquals("swapipc: give --device (an out-of-context top) or --board (a bitstream), not both",
            run("synth", "--device", "up5k", "--board", "icebreaker").err().trim());
        assertEquals("swapipc: a board's clock and configuration are the board's own (swapipc.model.Board); --freq and -p do not apply",
            run("synth", "--board", "hx8k", "--freq", "80").err().trim());
    }

    /** No board on this machine: the serial transport and iceprog say so in one line and exit 1. */
    @Test
    void aMissingBoardIsNamed() {
        Run board = run("board", "--port", "/dev/swapipc-no-such-port", "ident");
        assertEquals(1, board.code());
        Run program = run("program", "--board", "icebreaker");
        assertEquals(1, program.code());
    }

    @Test
    void generateWritesVerilogAndManifest(@TempDir Path dir) {
        assertEquals(0, run("generate", "-p", "buffers=8", "-o", dir.toString()).code());
        assertTrue(Files.exists(dir.resolve("ControlArea.v")));
        assertTrue(Files.exists(dir.resolve("ControlArea.manifest.json")));
        assertTrue(Files.exists(dir.resolve("IpcUnit.v")));
        assertTrue(Files.exists(dir.resolve("IpcUnit.manifest.json")));
    }
}
