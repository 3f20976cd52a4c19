package swapipc.cli;

import picocli.CommandLine.Command;
import swapipc.sim.TimingDiagram;
import swapipc.sim.Workspace;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "timing", mixinStandardHelpOptions = true,
    description = "Record the ControlArea's timing diagrams from lockstep runs into docs/timing/ (WaveDrom JSON), "
        + "and render each to SVG when wavedrom-cli is installed (npm install -g wavedrom-cli).")
final class TimingCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        for (Path json : TimingDiagram.write(Workspace.root().resolve("docs/timing"))) {
            System.out.println("wrote " + json);
            Path svg = json.resolveSibling(json.getFileName().toString().replace(".json", ".svg"));
            try {
                Process p = new ProcessBuilder("wavedrom-cli", "-i", json.toString(), "-s", svg.toString()).inheritIO().start();
                if (p.waitFor() != 0) throw new IllegalStateException("wavedrom-cli failed on " + json);
                System.out.println("wrote " + svg);
            } catch (java.io.IOException e) {
                System.out.println("wavedrom-cli not found: " + svg + " not rendered (npm install -g wavedrom-cli)");
            }
        }
        return 0;
    }
}
