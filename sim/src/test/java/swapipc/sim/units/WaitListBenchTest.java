package swapipc.sim.units;

import org.junit.jupiter.api.Test;
import swapipc.model.Config;
import swapipc.sim.Seeds;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The WaitList against its reference, under seeded random joins and leaves. */
class WaitListBenchTest {
    private static final String REPLAY = "mvn -pl sim test -Dtest=WaitListBenchTest -Dswapipc.seed=";

    @Test
    void arrivalOrderHeadAndBusyMatchTheReferenceForTwoAndFourEndpoints() {
        long seed = Seeds.seed("WaitListBenchTest");
        for (int endpoints : new int[] {2, 4}) {
            Config cfg = Config.DEFAULT.with("endpoints=" + endpoints);
            UnitBench.Result r = new WaitListBench(cfg, seed, REPLAY).run(20_000);
            assertTrue(r.passed(), r.failure());
            assertTrue(r.transactions() > 1_000, "only " + r.transactions() + " waiters served");
            assertTrue(r.resets() > 0, "no mid-run reset");
        }
    }
}
