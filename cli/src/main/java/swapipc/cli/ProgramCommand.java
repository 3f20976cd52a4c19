package swapipc.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import swapipc.model.Board;
import swapipc.sim.Workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "program", mixinStandardHelpOptions = true,
    description = "Write a board's bitstream (built by ./swapipc synth --board) into its configuration flash with iceprog.")
final class ProgramCommand implements Callable<Integer> {
    @Option(names = "--board", required = true, description = "icebreaker or hx8k.")
    String board;

    @Option(names = "--sram", description = "Load the FPGA's SRAM directly (lost at power-off) instead of the flash.")
    boolean sram;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Board b = Board.of(board);
        Path bin = Workspace.root().resolve("target/synth/board-" + b.name).resolve(b.name + ".bin");
        if (!Files.exists(bin)) {
            System.err.println("swapipc program: no bitstream at " + bin + "; build it first: ./swapipc synth --board " + b.name);
            return 1;
        }
        List<String> cmd = sram ? List.of("iceprog", "-S", bin.toString()) : List.of("iceprog", bin.toString());
        System.out.println("programming the " + b.name + " with " + bin + ": " + String.join(" ", cmd));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        System.out.print(log);
        if (rc != 0) {
            boolean absent = log.contains("Can't find iCE FTDI USB device") || log.contains("No such device") || log.contains("unable to open ftdi device");
            System.err.println("swapipc program: " + (absent
                ? "no board found on USB: attach the " + b.name + " (iceprog looks for its FTDI chip, 0403:6010) and try again"
                : "iceprog failed (exit " + rc + ")"));
            return 1;
        }
        System.out.println("programmed; talk to it with: ./swapipc board --port /dev/ttyUSB1 --board " + b.name + " demo");
        return 0;
    }
}
