package swapipc.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import swapipc.hdl.Generator;
import swapipc.model.Config;
import swapipc.sim.Workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Write the ControlArea Verilog and its manifest for a configuration (default: into rtl-generated/, "
        + "plus docs/parameters.md).")
final class GenerateCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Option(names = {"-o", "--out"}, description = "Output directory (default: rtl-generated/ for the default "
        + "configuration, target/generated/custom/ otherwise).")
    Path out;

    @Override
    public Integer call() throws IOException {
        var cfg = config.config();
        Path dir = out != null ? out : Workspace.root().resolve(config.params.isEmpty() ? "rtl-generated" : "target/generated/custom");
        Generator.Output o = Generator.generate(cfg, dir);
        System.out.println("parameters: " + cfg.toMap());
        System.out.println("wrote " + o.verilog() + " (" + o.ports().size() + " ports)");
        System.out.println("wrote " + o.manifest());
        if (out == null && config.params.isEmpty()) {
            Path doc = Workspace.root().resolve("docs/parameters.md");
            Files.writeString(doc, Config.parametersMarkdown());
            System.out.println("wrote " + doc);
        }
        return 0;
    }
}
