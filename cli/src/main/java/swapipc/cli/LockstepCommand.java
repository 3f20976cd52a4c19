package swapipc.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import swapipc.sim.Lockstep;
import swapipc.sim.Traffic;
import swapipc.sim.Workspace;

import java.util.concurrent.Callable;

@Command(name = "lockstep", mixinStandardHelpOptions = true,
    description = "Run seeded random traffic on the RTL and the model, comparing every cycle (replays a failing seed).")
final class LockstepCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Option(names = "--seed", required = true, description = "Traffic seed.")
    long seed;

    @Option(names = "--cycles", defaultValue = "100000", description = "Cycles to run (default ${DEFAULT-VALUE}).")
    long cycles;

    @Option(names = "--waves", description = "Write an FST waveform under target/waves/.")
    boolean waves;

    @Override
    public Integer call() {
        if (cycles <= 0) throw new IllegalArgumentException("--cycles must be positive, got " + cycles);
        Lockstep.Result r = Lockstep.run(config.config(), seed, cycles, Traffic.Profile.DEFAULT,
            waves);
        Report.print(r);
        if (waves) System.out.println("waves: " + Workspace.waves().resolve("lockstep-" + seed + ".fst"));
        return r.firstMismatch() == null ? 0 : 1;
    }
}
