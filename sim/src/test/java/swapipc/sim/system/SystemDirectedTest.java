package swapipc.sim.system;

import org.junit.jupiter.api.Test;
import swapipc.hdl.Generator;
import swapipc.model.BrokerError;
import swapipc.model.ReleasePolicy;
import swapipc.model.SystemConfig;
import swapipc.sim.Designs;
import swapipc.sim.SystemHarness;
import swapipc.sim.SystemHarness.Traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three-party IpcSystem on directed traffic, every run scored by SystemModel (see SystemHarness). */
class SystemDirectedTest {
    private static final SystemConfig SYS = SystemConfig.DEFAULT;
    private static final Traffic QUIET = Traffic.TEST.withService(10, 1);

    private static SystemHarness.Result run(SystemConfig sys, Traffic traffic, long seed, long cycles) {
        SystemHarness.Result r = SystemHarness.run(sys, traffic, seed, cycles, SystemHarness.replay(sys, seed, cycles));
        System.out.printf("SystemDirectedTest: %s: %d calls, %d replies, %d bad, peak client %d server %d threads %d in flight %d,"
                + " latency mean %.1f p99 %d, copy %.3f words/cycle, errFlags 0x%x, %d cycles%n", sys.toMap(), r.calls(), r.replies(),
            r.bad(), r.peakClient(), r.peakServer(), r.peakThreads(), r.peakInFlight(), r.meanLatency(), r.p99Latency(), r.copyRate(),
            r.errFlags(), r.cycles());
        assertTrue(r.passed(), r.failure());
        return r;
    }

    /**
     * One 248-byte call and a 248-byte reply, 10 cycles of service. Copy-bound lower bound: each of
     * the W = 62 argument words is moved one per cycle, in turn, by the client's Marshaler (with the
     * 2 header words), the broker, the server's CopyEngine (with the header) and the server's reads,
     * and the same four times for the reply: 8 W + 8 + service cycles.
     */
    @Test
    void oneCallThroughTheBrokerAndItsReply() {
        SystemHarness.Result r = run(SYS, QUIET.withService(10, 0).withInFlight(1).withCalls(1).withLengths(248, 248).withReplyLength(248), 1, 10_000);
        assertEquals(1, r.calls());
        assertEquals(1, r.replies());
        assertTrue(r.copyRate() >= 0.95, "broker copy rate " + r.copyRate() + " words/cycle, expected at least 0.95");
        long bound = 8 * 62 + 8 + 10;
        System.out.printf("SystemDirectedTest: call + reply %.0f cycles, copy-bound lower bound %d (%.2f×)%n", r.meanLatency(), bound,
            r.meanLatency() / bound);
        assertTrue(r.meanLatency() >= bound, "faster than the copies allow: " + r.meanLatency());
    }

    @Test
    void allThreadsBusyCallsWaitAndNoneIsDropped() {
        SystemConfig one = SYS.withServers(1).withThreads(1);
        SystemHarness.Result r = run(one, QUIET.withInFlight(8).withCalls(40).withService(200, 50), 2, 1_000_000);
        assertEquals(40, r.replies());
        assertEquals(1, r.peakThreads());
        assertTrue(r.peakInFlight() >= 8, "calls in flight peaked at " + r.peakInFlight());
    }

    @Test
    void clientPoolExhaustedWhileTheServerPoolIsNot() {
        // The fewest client buffers that cannot deadlock: queueDepth 2 + 4 clients + 2.
        SystemConfig small = SYS.withQueueDepth(2).withClientBuffers(8);
        SystemHarness.Result r = run(small, QUIET.withInFlight(24).withCalls(300).withService(100, 20), 3, 1_000_000);
        assertEquals(300, r.replies());
        assertEquals(8, r.peakClient());
        assertTrue(r.peakServer() < 32, "server pool peaked at " + r.peakServer());
    }

    @Test
    void serverPoolExhaustedWhileTheClientPoolIsNot() {
        SystemHarness.Result r = run(SYS.withServerBuffers(1), QUIET.withInFlight(12).withCalls(200), 4, 1_000_000);
        assertEquals(200, r.replies());
        assertEquals(1, r.peakServer());
        assertTrue(r.peakClient() < 32, "client pool peaked at " + r.peakClient());
    }

    @Test
    void interleavedRepliesReachTheirOwnClientAndTag() {
        SystemHarness.Result r = run(SYS.withThreads(8), Traffic.TEST.withInFlight(32).withCalls(600).withService(5, 400), 5, 2_000_000);
        assertEquals(600, r.replies());
        assertTrue(r.peakThreads() > 8, "threads busy peaked at " + r.peakThreads());
    }

    @Test
    void resetInMidCallRecoversWithEveryBufferBack() {
        run(SYS, Traffic.TEST.withInFlight(24).withResetAt(3_000), 6, 20_000);
    }

    @Test
    void badMessagesAreFreedAndDroppedAndFlagged() {
        SystemHarness.Result r = run(SYS, Traffic.TEST.withBadEvery(5).withCalls(300), 7, 1_000_000);
        assertTrue(r.bad() > 20, "bad messages: " + r.bad());
        int broker = r.errFlags() >>> swapipc.model.ErrorKind.values().length;
        assertEquals(BrokerError.WRONG_KIND.mask() | BrokerError.NO_CALL.mask(), broker, "broker errFlags");
    }

    /** 4 buffers in the first memory space of each pool, 28 in the second (one Verilator build for the three tests below). */
    private static final SystemConfig SPILL = new SystemConfig(4, 2, 4, 4, 4, 28, 28, 256, 8, ReleasePolicy.ON_RETURN, false);

    @Test
    void onReturnHoldsTheCallBuffersAndStillDrains() {
        SystemHarness.Result r = run(SPILL, Traffic.TEST.withInFlight(16).withCalls(300), 8, 1_000_000);
        assertEquals(300, r.replies());
    }

    @Test
    void overflowPoolIsTakenWhenTheFirstIsEmptyAndGivenBack() {
        // 24 calls in flight under ON_RETURN hold far more than 4 buffers: the second area must be used.
        SystemHarness.Result r = run(SPILL, Traffic.TEST.withInFlight(24).withCalls(300), 9, 1_000_000);
        assertEquals(300, r.replies());
        assertTrue(r.peakSpillClient() > 0 && r.peakSpillServer() > 0, "overflow peaks " + r.peakSpillClient() + " / " + r.peakSpillServer());
        assertTrue(r.peakClient() > 4, "client pool peaked at " + r.peakClient());
        // The drain returned every buffer of both areas (checked by the harness: both pools whole).
    }

    @Test
    void noSpillWhileTheFirstMemorySpaceHasAFreeBuffer() {
        // One call at a time holds at most its call buffer and its reply's in each pool: 2 of the 4.
        SystemHarness.Result r = run(SPILL, QUIET.withInFlight(1).withCalls(100), 10, 1_000_000);
        assertTrue(r.peakClient() < 4 && r.peakServer() < 4, "peaks " + r.peakClient() + " / " + r.peakServer());
        assertEquals(0, r.peakSpillClient() + r.peakSpillServer(), "LOWEST_FREE spilled with the first memory space not full");
    }

    /**
     * The system proof's rule runs as an assertion of every IpcSystem simulation build: a client
     * pool that leaves the broker's buffers out of its in-transit count stops on it, with the seed
     * and replay command, the first time the broker holds a client buffer.
     */
    @Test
    void aPoolThatMiscountsTheBrokersBuffersStopsOnTheConservationAssertion() {
        Generator.Output mutant = Designs.mutant(Designs.system(SYS), "system-kernel-holds-uncounted", v -> {
            String mutated = v.replaceFirst("\\.io_kernel_holds\\s+\\(broker_io_client_holds\\s*\\)", ".io_kernel_holds (1'b0)");
            assertFalse(mutated.equals(v), "the client pool's io_kernel_holds connection is not in the system build");
            return mutated;
        });
        String replay = "mvn -pl sim test -Dtest=SystemDirectedTest#aPoolThatMiscountsTheBrokersBuffersStopsOnTheConservationAssertion";
        SystemHarness.Result r = SystemHarness.run(mutant, SYS, QUIET.withCalls(4), 1, 20_000, replay);
        assertFalse(r.passed(), "the mutant passed");
        assertTrue(r.failure().contains("an RTL assertion failed") && r.failure().contains("FAILURE client pool: free + in transit = buffers")
            && r.failure().contains("seed 1") && r.failure().contains("replay: " + replay), r.failure());
    }
}
