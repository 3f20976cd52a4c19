package swapipc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `./swapipc` command line. */
@Command(name = "swapipc", mixinStandardHelpOptions = true, version = "swapipc 0.1.0",
    description = "Space-efficient inter-process communication: generate, simulate and measure the RTL.",
    subcommands = {GenerateCommand.class, DemoCommand.class, LockstepCommand.class, BenchCommand.class,
        ProveCommand.class, CoverageCommand.class, SynthCommand.class, TimingCommand.class, SimCommand.class,
        BoardCommand.class, ProgramCommand.class, RegressCommand.class, FunctionalCoverageCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        // Bad parameter values are user errors: one clear line and exit 2, not a stack trace.
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                cmd.getErr().println("swapipc: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cl;
    }
}
