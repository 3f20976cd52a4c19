package swapipc.sim;

import org.junit.jupiter.api.Test;
import swapipc.hdl.Generator;
import swapipc.model.Config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Indicator's formal properties run in every IpcUnit simulation build (IndicatorProperties,
 * fromPorts): a queue that loses a descriptor stops the run on its occupancy property in the cycle
 * of the loss; judged at the pins alone, the same loss shows only when the message is overdue.
 */
class IndicatorAssertionsTest {
    private static final String REPLAY = "mvn -pl sim test -Dtest=IndicatorAssertionsTest";
    private static final String ORIGINAL = "assign _zz_queue_0_stored = (queue_0_stored + _zz_queue_0_stored_1);";
    /** Queue 0 writes a descriptor into its memory without counting it: it is never fetched. */
    private static final String MUTATED = "assign _zz_queue_0_stored = queue_0_stored;";

    private static IpcHarness.Result run(Generator.Output design) {
        IpcHarness.Result r = IpcHarness.run(design, Config.DEFAULT, CallProfile.DEFAULT, 1, 20_000, REPLAY);
        assertFalse(r.passed(), "the mutant passed");
        assertTrue(r.failure().contains("seed 1") && r.failure().contains("replay:"), r.failure());
        return r;
    }

    private static Generator.Output mutant() {
        return Designs.mutant(Designs.ipcUnit(Config.DEFAULT), "indicator-uncounted-store", ORIGINAL, MUTATED);
    }

    @Test
    void aQueueThatLosesADescriptorStopsOnItsOccupancyProperty() {
        IpcHarness.Result r = run(mutant());
        assertTrue(r.failure().contains("an RTL assertion failed")
            && r.failure().contains("FAILURE queue 0's occupancy is stored + fetched + head"), r.failure());
    }

    @Test
    void withoutTheAssertionsThePinsNoticeTheLossLater() {
        IpcHarness.Result r = run(Designs.mutant(mutant(), "indicator-uncounted-store-pins", v -> {
            assertTrue(v.contains("$finish;"), "the simulation build has no assertions");
            return v.replace("$finish;", ";");
        }));
        assertFalse(r.failure().contains("an RTL assertion failed"), r.failure());
    }
}
