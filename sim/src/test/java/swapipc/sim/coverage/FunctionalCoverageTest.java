package swapipc.sim.coverage;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The coverage model's bookkeeping: goals, hits, merging, what is unreached. */
class FunctionalCoverageTest {
    @Test
    void binsReachTheirGoalsAcrossMergedRuns() {
        FunctionalCoverage a = new FunctionalCoverage().declare("p", "x", 2).declare("p", "y", 1);
        FunctionalCoverage b = new FunctionalCoverage().declare("p", "x", 2).declare("p", "y", 1);
        a.hit("p", "x");
        b.hit("p", "x");
        b.hit("q", "extra");
        assertEquals(List.of("x", "y"), a.unreached().stream().map(FunctionalCoverage.Bin::name).toList());
        a.merge(b);
        assertEquals(List.of("y"), a.unreached().stream().map(FunctionalCoverage.Bin::name).toList());
        assertEquals(0.5, a.reachedShare());
        assertTrue(a.table().contains("| q | extra | 1 | - | (counted) |"), a.table());
        assertTrue(a.table().contains("| p | y | 0 | 1 | **no** |"), a.table());
    }
}
