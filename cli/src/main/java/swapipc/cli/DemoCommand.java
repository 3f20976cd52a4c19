package swapipc.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import swapipc.hdl.Generator;
import swapipc.model.Config;
import swapipc.sim.Lockstep;
import swapipc.sim.Traffic;
import swapipc.sim.Workspace;

import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "End to end on the default parameters: generate the RTL, simulate random traffic against the model.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--cycles", defaultValue = "100000", description = "Cycles to simulate (default ${DEFAULT-VALUE}).")
    long cycles;

    @Option(names = "--seed", description = "Traffic seed (default: a fresh one, printed).")
    Long seed;

    @Option(names = "--waves", description = "Write an FST waveform under target/waves/.")
    boolean waves;

    @Override
    public Integer call() {
        if (cycles <= 0) throw new IllegalArgumentException("--cycles must be positive, got " + cycles);
        long s = seed != null ? seed : System.nanoTime();
        Generator.Output out = Generator.generate(Generator.Top.CONTROL_AREA, Config.DEFAULT, Workspace.root().resolve("target/demo"));
        System.out.println("generated:   " + out.verilog() + " (" + out.ports().size() + " ports)");
        Lockstep.Result r = Lockstep.run(Config.DEFAULT, s, cycles, Traffic.Profile.DEFAULT,
            waves);
        Report.print(r);
        System.out.println("replay:      " + Lockstep.replay(Config.DEFAULT, s, cycles));
        return r.firstMismatch() == null ? 0 : 1;
    }
}
