package swapipc.sim.fpga;

import swapipc.hdl.PortInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

/**
 * The combinational paths from a top's input ports to its output ports, found by yosys on the
 * flattened design: for each input, the outputs in its fan-out cone when the cone stops at every
 * register and memory. These are the paths an integrator's logic closes timing across.
 */
public final class CombinationalPaths {
    private static final String STATE = "$dff,$sdff,$sdffe,$dffe,$sdffce,$adff,$adffe,$mem_v2,$memwr_v2,$memrd_v2";

    private CombinationalPaths() {}

    /** "input -> output" for every such path of {@code top} in {@code verilog}, sorted. */
    public static TreeSet<String> of(Path verilog, String top, List<PortInfo> ports, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        StringBuilder ys = new StringBuilder("read_verilog ").append(verilog.toAbsolutePath()).append('\n')
            .append("hierarchy -top ").append(top).append("\nproc; flatten; opt_clean; memory -nomap; opt -fast\n");
        Path out = dir.resolve("paths.txt");
        Files.deleteIfExists(out);
        for (PortInfo p : ports) {
            if (!p.input() || p.name().equals("clk") || p.name().equals("reset")) continue;
            ys.append("tee -q -a paths.txt log IN ").append(p.name()).append('\n')
                .append("tee -q -a paths.txt select -list i:").append(p.name()).append(" %co*:-").append(STATE).append(" o:* %i\n");
        }
        Files.writeString(dir.resolve("paths.ys"), ys);
        Process proc = new ProcessBuilder("yosys", "-q", "paths.ys").directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(dir.resolve("yosys.log").toFile()).start();
        if (proc.waitFor() != 0) throw new IllegalStateException("yosys failed, see " + dir.resolve("yosys.log"));
        TreeSet<String> paths = new TreeSet<>();
        String from = null;
        for (String line : Files.readAllLines(out)) {
            String l = line.trim();
            if (l.isEmpty()) continue;
            if (l.startsWith("IN ")) from = l.substring(3);
            else paths.add(from + " -> " + l.substring(l.indexOf('/') + 1));
        }
        return paths;
    }
}
