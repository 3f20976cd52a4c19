package swapipc.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import swapipc.hdl.Generator;
import swapipc.hdl.GeneratedDocs;
import swapipc.sim.Workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Write the ControlArea, IpcUnit and bus tops' Verilog and their manifests for a configuration (default: into "
        + "rtl-generated/, with the three-party IpcSystem of the default SystemConfig, plus the generated docs and firmware header).")
final class GenerateCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Option(names = {"-o", "--out"}, description = "Output directory (default: rtl-generated/ for the default "
        + "configuration, target/generated/custom/ otherwise).")
    Path out;

    @Option(names = "--name", description = "Name the IpcUnit top NAME (submodules NAME_<Unit>), so that a second "
        + "configuration can sit in one design beside the default IpcUnit; writes NAME.v only.")
    String name;

    @Override
    public Integer call() throws IOException {
        var cfg = config.config();
        Path dir = out != null ? out : Workspace.root().resolve(config.params.isEmpty() ? "rtl-generated" : "target/generated/custom");
        System.out.println("parameters: " + cfg.toMap());
        boolean committed = out == null && config.params.isEmpty() && name == null;
        var outputs = committed ? Generator.generateCommitted(dir) : name == null ? Generator.generateAll(cfg, dir)
            : java.util.List.of(Generator.generate(Generator.Top.IPC_UNIT, cfg, dir, name));
        for (Generator.Output o : outputs) {
            System.out.println("wrote " + o.verilog() + " (" + o.ports().size() + " ports)");
            System.out.println("wrote " + o.manifest());
        }
        if (committed) {
            for (Map.Entry<String, String> e : GeneratedDocs.all().entrySet()) {
                Path doc = Workspace.root().resolve(e.getKey());
                Files.createDirectories(doc.getParent());
                Files.writeString(doc, e.getValue());
                System.out.println("wrote " + doc);
            }
        }
        return 0;
    }
}
