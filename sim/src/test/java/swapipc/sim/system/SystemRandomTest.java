package swapipc.sim.system;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import swapipc.model.ReleasePolicy;
import swapipc.model.SystemConfig;
import swapipc.sim.Seeds;
import swapipc.sim.SystemHarness;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded random three-party traffic on the default IpcSystem, RTL against SystemModel: 500,000
 * cycles per policy, then a drain. -Dswapipc.seed=S replays a run.
 */
class SystemRandomTest {
    static final long CYCLES = Long.getLong("swapipc.system.cycles", 500_000);

    @ParameterizedTest
    @EnumSource(ReleasePolicy.class)
    void rtlMatchesTheThreePartyModel(ReleasePolicy policy) {
        SystemConfig sys = SystemConfig.DEFAULT.withReleasePolicy(policy);
        long seed = Seeds.seed("SystemRandomTest " + policy);
        String replay = "mvn -pl sim test -Dtest=SystemRandomTest -Dswapipc.seed=" + seed + " -Dswapipc.system.cycles=" + CYCLES;
        SystemHarness.Result r = SystemHarness.run(sys, SystemHarness.Traffic.TEST.withInFlight(24).withBadEvery(50), seed, CYCLES, replay);
        System.out.printf("SystemRandomTest %s: %,d calls, %,d replies, %d refused, peak client %d server %d, mean %.1f / %.1f, "
                + "latency mean %.0f p99 %d, %,d cycles in %.1f s%n", policy, r.calls(), r.replies(), r.bad(), r.peakClient(),
            r.peakServer(), r.meanClient(), r.meanServer(), r.meanLatency(), r.p99Latency(), r.cycles(), r.seconds());
        assertTrue(r.passed(), r.failure());
        assertTrue(r.replies() > 1000, "only " + r.replies() + " calls completed");
    }
}
