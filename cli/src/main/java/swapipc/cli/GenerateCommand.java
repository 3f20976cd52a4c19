package swapipc.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import swapipc.hdl.Generator;
import swapipc.sim.Workspace;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Write the ControlArea Verilog and its manifest for a configuration (default: into rtl-generated/).")
final class GenerateCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Option(names = {"-o", "--out"}, description = "Output directory (default: rtl-generated/ for the default "
        + "configuration, target/generated/custom/ otherwise).")
    Path out;

    @Override
    public Integer call() {
        var cfg = config.config();
        Path dir = out != null ? out : Workspace.root().resolve(config.params.isEmpty() ? "rtl-generated" : "target/generated/custom");
        Generator.Output o = Generator.generate(cfg, dir);
        System.out.println("parameters: " + cfg.toMap());
        System.out.println("wrote " + o.verilog() + " (" + o.ports().size() + " ports)");
        System.out.println("wrote " + o.manifest());
        return 0;
    }
}
