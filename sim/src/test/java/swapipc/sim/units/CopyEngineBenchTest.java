package swapipc.sim.units;

import org.junit.jupiter.api.Test;
import swapipc.model.Config;
import swapipc.sim.Seeds;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CopyEngine (EARLY) against its rules, with the Indicator, pool, Deallocator and receiver played by the bench. */
class CopyEngineBenchTest {
    private static final String REPLAY = "mvn -pl sim test -Dtest=CopyEngineBenchTest -Dswapipc.seed=";

    @Test
    void everyMessageIsCopiedScrubbedFreedOnceAndPresentedWithItsFree() {
        long seed = Seeds.seed("CopyEngineBenchTest");
        for (String shape : new String[] {"zeroize=true", "zeroize=false,buffers=4,inlineBytes=16"}) {
            Config cfg = Config.DEFAULT;
            for (String s : shape.split(",")) cfg = cfg.with(s);
            UnitBench.Result r = new CopyEngineBench(cfg, seed, REPLAY).run(30_000);
            System.out.println("CopyEngineBenchTest " + shape + ": " + r.transactions() + " messages presented, " + r.resets() + " resets");
            assertTrue(r.passed(), r.failure());
            assertTrue(r.transactions() > 300, "only " + r.transactions() + " messages presented");
        }
    }
}
