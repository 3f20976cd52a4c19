package swapipc.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import swapipc.sim.Prover;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "prove", mixinStandardHelpOptions = true,
    description = "Formal proofs with yosys-smtbmc + z3: BMC, k-induction and covers for the default configuration "
        + "and n = 4 (both policies), the message queues, the three bus slaves' protocol properties, and the mutants that must fail.")
final class ProveCommand implements Callable<Integer> {
    @Option(names = "--small", description = "Only the n = 4 proofs and the mutants (seconds instead of minutes).")
    boolean small;

    @Option(names = "--only", paramLabel = "TEXT", description = "Only the proofs whose name contains TEXT (e.g. slave, queues, SCAN).")
    String only;

    @Option(names = "--jobs", defaultValue = "2", description = "Proofs run at once (default ${DEFAULT-VALUE}).")
    int jobs;

    @Override
    public Integer call() {
        if (jobs < 1) throw new IllegalArgumentException("--jobs must be at least 1, got " + jobs);
        List<Prover.Job> all = Prover.allJobs().stream()
            .filter(j -> !small || j.config().buffers() <= 4)
            .filter(j -> only == null || j.name().contains(only)).toList();
        if (all.isEmpty()) throw new IllegalArgumentException("no proof's name contains '" + only + "'");
        List<Prover.Outcome> outcomes = Prover.run(all, jobs);
        System.out.println("| proof | mode | depth | expected | result | seconds |");
        System.out.println("|---|---|---|---|---|---|");
        boolean ok = true;
        for (Prover.Outcome o : outcomes) {
            System.out.printf("| %s | %s | %d | %s | %s | %.1f |%n", o.job().name(), o.job().mode(), o.job().depth(),
                o.job().expectPass() ? "pass" : "FAIL", o.passed() ? "pass" : "FAIL", o.seconds());
            ok &= o.asExpected();
        }
        for (Prover.Outcome o : outcomes) {
            if (!o.asExpected()) System.out.println("\n" + o.job().name() + " " + o.job().mode() + ":\n" + Prover.summary(o.log()));
        }
        System.out.println(ok ? "all proofs as expected" : "PROOFS NOT AS EXPECTED");
        return ok ? 0 : 1;
    }
}
