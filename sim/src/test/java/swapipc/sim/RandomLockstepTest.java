package swapipc.sim;

import org.junit.jupiter.api.Test;
import swapipc.model.AllocStatus;
import swapipc.model.Config;
import swapipc.model.FreeStatus;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One million cycles of seeded random traffic, every port contending, RTL against model every cycle. */
class RandomLockstepTest {
    static final long CYCLES = Long.getLong("swapipc.cycles", 1_000_000);

    @Test
    void rtlMatchesModelOnRandomTraffic() {
        long seed = Seeds.seed("RandomLockstepTest");
        Lockstep.Result r = Lockstep.run(Config.DEFAULT, seed, CYCLES, Traffic.Profile.DEFAULT, false);
        assertNull(r.firstMismatch(), () -> r.firstMismatch());
        // The traffic must have reached every outcome, or the comparison proved less than it claims.
        for (AllocStatus s : AllocStatus.values()) assertTrue(r.allocs()[s.code()] > 0, "no allocation answered " + s);
        for (FreeStatus s : FreeStatus.values()) assertTrue(r.frees()[s.code()] > 0, "no free answered " + s);
        assertTrue(r.reinits() > 0, "no reinit exercised");
        assertTrue(r.peakAllocated() == Config.DEFAULT.buffers(), "the pool never filled");
    }
}
