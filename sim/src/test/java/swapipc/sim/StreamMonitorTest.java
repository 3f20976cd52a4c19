package swapipc.sim;

import org.junit.jupiter.api.Test;
import swapipc.hdl.Generator;
import swapipc.model.Config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stream-rule monitor on hand-made traces, and on an IpcUnit mutant that drops a presented message before it is taken. */
class StreamMonitorTest {
    /** Outputs: valid, payload; input: ready. */
    private static StreamMonitor monitor() {
        return new StreamMonitor("s", 0, 0, new int[] {1}, new String[] {"data"});
    }

    private static String cycle(StreamMonitor m, int valid, int data, int ready, boolean reset) {
        return m.check(new int[] {ready}, 0, new int[] {valid, data}, 0, reset);
    }

    @Test
    void aHeldAnswerTakenLaterPasses() {
        StreamMonitor m = monitor();
        assertNull(cycle(m, 1, 7, 0, false));
        assertNull(cycle(m, 1, 7, 0, false));
        assertNull(cycle(m, 1, 7, 1, false));
        assertNull(cycle(m, 0, 3, 0, false), "after the take, valid may drop and the payload change");
        assertNull(cycle(m, 1, 4, 1, false));
        assertNull(cycle(m, 1, 5, 1, false), "back-to-back answers, each taken");
    }

    @Test
    void validDroppedOrPayloadChangedWhileWaitingIsReported() {
        StreamMonitor m = monitor();
        assertNull(cycle(m, 1, 7, 0, false));
        assertEquals("s: valid dropped before ready", cycle(m, 0, 7, 0, false));
        StreamMonitor n = monitor();
        assertNull(cycle(n, 1, 7, 0, false));
        assertEquals("s: data changed from 0x7 to 0x8 while waiting for ready", cycle(n, 1, 8, 1, false));
    }

    @Test
    void aResetEndsTheWait() {
        StreamMonitor m = monitor();
        assertNull(cycle(m, 1, 7, 0, false));
        assertNull(cycle(m, 0, 0, 0, true));
        assertNull(cycle(m, 0, 0, 0, false));
        StreamMonitor n = monitor();
        assertNull(cycle(n, 1, 7, 0, false));
        n.reset();
        assertNull(cycle(n, 0, 0, 0, false));
    }

    /**
     * The CopyEngine believes every presented message is taken the cycle it is offered, so recv's
     * valid drops while the receiver stalls. {@code rtlChecks}: the build keeps its simulation
     * assertions (SimChecks), or has their $finish removed so that only the pins are judged.
     */
    private static IpcHarness.Result presentFireMutant(boolean rtlChecks) {
        Config cfg = Config.DEFAULT;
        Generator.Output mutant = Designs.mutant(Designs.ipcUnit(cfg), "present-fire-checked",
            "assign io_present_fire = (io_present_valid && io_present_ready);", "assign io_present_fire = io_present_valid;");
        if (!rtlChecks) {
            mutant = Designs.mutant(mutant, "present-fire-pins", v -> {
                assertTrue(v.contains("$finish;"), "the simulation build has no assertions");
                return v.replace("$finish;", ";");
            });
        }
        IpcHarness.Result r = IpcHarness.run(mutant, cfg, CallProfile.DEFAULT, 1, 20_000, "mvn -pl sim test -Dtest=StreamMonitorTest");
        assertFalse(r.passed(), "the mutant passed");
        assertTrue(r.failure().contains("seed 1") && r.failure().contains("replay:"), r.failure());
        return r;
    }

    /** Judged at the pins alone, the mutant stops on the stream rule, long before the lost message would show at the drain. */
    @Test
    void aMutantThatDropsValidBeforeReadyFailsOnThePins() {
        IpcHarness.Result r = presentFireMutant(false);
        assertTrue(r.failure().contains("recv: valid dropped before ready"), r.failure());
    }

    /** With its simulation assertions the same mutant stops on the Unmarshaler's, in the cycle the message is dropped. */
    @Test
    void aMutantThatDropsValidBeforeReadyStopsOnTheRtlAssertion() {
        IpcHarness.Result r = presentFireMutant(true);
        assertTrue(r.failure().contains("an RTL assertion failed")
            && r.failure().contains("FAILURE a presented message dropped or changed before it was taken"), r.failure());
    }

    @Test
    void theUnmutatedUnitPassesTheSameRun() {
        IpcHarness.Result clean = IpcHarness.run(Designs.ipcUnit(Config.DEFAULT), Config.DEFAULT, CallProfile.DEFAULT, 1, 20_000,
            "mvn -pl sim test -Dtest=StreamMonitorTest");
        assertTrue(clean.passed(), clean.failure());
    }
}
