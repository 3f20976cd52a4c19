package swapipc.sim.system;

import org.junit.jupiter.api.Test;
import swapipc.model.SystemConfig;
import swapipc.sim.Seeds;
import swapipc.sim.SystemHarness;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bad-input campaign on the three-party system: one message in five bad (a client's RETURN to
 * the kernel, a server's reply on no running call), every endpoint's BufferPort aiming commands at
 * buffers it never claimed in both pools (each must be refused), a reset in mid-traffic; then a
 * drain that must return every buffer of both pools. 1 M cycles; `./swapipc test --long` sets
 * -Dswapipc.campaign.cycles=10000000.
 */
class SystemCampaignTest {
    static final long CYCLES = Long.getLong("swapipc.campaign.cycles", 1_000_000);

    @Test
    void badInputsAreRefusedAndLoseNothingInEitherPool() {
        long seed = Seeds.seed("SystemCampaignTest");
        String replay = "mvn -pl sim test -Dtest=SystemCampaignTest -Dswapipc.seed=" + seed + " -Dswapipc.campaign.cycles=" + CYCLES;
        SystemHarness.Traffic traffic = SystemHarness.Traffic.TEST.withInFlight(24).withBadEvery(5).withResetAt(CYCLES / 2);
        SystemHarness.Result r = SystemHarness.run(SystemConfig.DEFAULT, traffic, seed, CYCLES, replay);
        System.out.printf("SystemCampaignTest: %,d calls, %,d bad messages, %,d foreign BufferPort commands refused, errFlags 0x%x, "
            + "%,d cycles in %.1f s%n", r.replies(), r.bad(), r.foreign(), r.errFlags(), r.cycles(), r.seconds());
        assertTrue(r.passed(), r.failure());
        assertTrue(r.bad() > 100 && r.foreign() > 1000, "too little bad input: " + r.bad() + " messages, " + r.foreign() + " commands");
    }
}
