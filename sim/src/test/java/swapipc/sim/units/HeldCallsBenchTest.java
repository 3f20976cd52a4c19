package swapipc.sim.units;

import org.junit.jupiter.api.Test;
import swapipc.model.Config;
import swapipc.sim.Seeds;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** HeldCalls against its reference, under seeded random holds, lookups (often of reused tags) and releases. */
class HeldCallsBenchTest {
    private static final String REPLAY = "mvn -pl sim test -Dtest=HeldCallsBenchTest -Dswapipc.seed=";

    @Test
    void lookupsFindTheLowestHeldCallOfTheirKeyAndReleasesFreeTheEntry() {
        long seed = Seeds.seed("HeldCallsBenchTest");
        for (String shape : new String[] {"endpoints=2", "endpoints=4"}) {
            UnitBench.Result r = new HeldCallsBench(Config.DEFAULT.with(shape), seed, REPLAY).run(20_000);
            assertTrue(r.passed(), r.failure());
            assertTrue(r.transactions() > 1_000, "only " + r.transactions() + " releases");
        }
    }
}
