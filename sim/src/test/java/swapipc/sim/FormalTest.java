package swapipc.sim;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The formal proof set: every proof passes and every mutant fails. The default suite runs
 * Prover.standardJobs; `./swapipc test --long` (-Dswapipc.long=true) runs Prover.allJobs.
 */
class FormalTest {
    @Test
    void proofsHoldAndTheMutantIsCaught() {
        boolean all = Boolean.getBoolean("swapipc.long");
        List<Prover.Outcome> outcomes = Prover.run(all ? Prover.allJobs() : Prover.standardJobs(), 2);
        for (Prover.Outcome o : outcomes) {
            System.out.printf("FormalTest: %s %s depth %d: %s in %.1f s%n", o.job().name(), o.job().mode(),
                o.job().depth(), o.passed() ? "pass" : "FAIL", o.seconds());
        }
        Prover.requireAsExpected(outcomes);
        assertFalse(outcomes.stream().filter(o -> !o.job().expectPass()).toList().isEmpty(), "no mutant was run");
    }

    @Test
    void everyMutantIsRunByTheDefaultSuite() {
        Set<Prover.Mutation> run = Prover.standardJobs().stream().map(Prover.Job::mutation).collect(Collectors.toSet());
        Set<Prover.Mutation> defined = Arrays.stream(Prover.Mutation.values()).collect(Collectors.toSet());
        assertEquals(defined, run, "every mutant is a job of the default proof set");
    }
}
