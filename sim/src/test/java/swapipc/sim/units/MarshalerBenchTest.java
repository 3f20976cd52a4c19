package swapipc.sim.units;

import org.junit.jupiter.api.Test;
import swapipc.model.Config;
import swapipc.sim.Seeds;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Marshaler against its rules, with the allocator, pool, Indicator and WaitList played by the bench. */
class MarshalerBenchTest {
    private static final String REPLAY = "mvn -pl sim test -Dtest=MarshalerBenchTest -Dswapipc.seed=";

    @Test
    void everySendIsAnsweredWrittenAndPostedAsTheRulesSay() {
        long seed = Seeds.seed("MarshalerBenchTest");
        for (String shape : new String[] {"endpoints=2", "endpoints=3,buffers=4,inlineBytes=0"}) {
            Config cfg = Config.DEFAULT;
            for (String s : shape.split(",")) cfg = cfg.with(s);
            UnitBench.Result r = new MarshalerBench(cfg, seed, REPLAY).run(30_000);
            System.out.println("MarshalerBenchTest " + shape + ": " + r.transactions() + " messages posted, " + r.resets() + " resets");
            assertTrue(r.passed(), r.failure());
            assertTrue(r.transactions() > 300, "only " + r.transactions() + " messages posted");
        }
    }
}
