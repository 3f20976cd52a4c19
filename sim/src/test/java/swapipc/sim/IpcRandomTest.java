package swapipc.sim;

import org.junit.jupiter.api.Test;
import swapipc.model.AccessStatus;
import swapipc.model.Config;
import swapipc.model.ReleasePolicy;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded random two-party calls on the IpcUnit, scoreboarded by the model every cycle and every
 * message (see IpcHarness), then drained: every call returned, every buffer back in the pool.
 */
class IpcRandomTest {
    static IpcHarness.Result run(Config cfg, CallProfile profile, long cycles, String test) {
        long seed = Seeds.seed(test);
        String replay = "mvn -pl sim test -Dtest=" + test + " -Dswapipc.seed=" + seed + "   or   " + IpcHarness.replay(cfg, seed, cycles);
        IpcHarness.Result r = IpcHarness.run(cfg, profile, seed, cycles, replay, false);
        System.out.printf("%s: %d cycles, %d calls, %d returns, %d messages (%d pooled), %d NONE, %d refused, peak %d of %d buffers, drained in %d cycles%n",
            test, r.cycles(), r.calls(), r.returns(), r.messages(), r.pooled(), r.none(), r.refused(), r.peakOccupancy(), cfg.buffers(),
            r.drainCycles());
        System.out.println("  BufferPort answers: " + IpcHarness.bufferSummary(r) + "; delivery bound: " + r.deliverySlack()
            + " cycles to spare at the closest");
        assertTrue(r.passed(), r.failure());
        return r;
    }

    @Test
    void millionCyclesEarly() {
        IpcHarness.Result r = run(Config.DEFAULT, CallProfile.DEFAULT, 1_000_000, "IpcRandomTest#millionCyclesEarly");
        assertTrue(r.calls() > 1000 && r.returns() == r.calls() && r.refused() > 0, r.toString());
        // NONE needs an exhausted pool: see exhaustedPool.
        for (AccessStatus s : AccessStatus.values()) {
            if (s != AccessStatus.NONE) assertTrue(r.bufferAnswers(s) > 0, "no BufferPort command was answered " + s);
        }
    }

    /** Four buffers for 16 calls in flight: fail-fast sends see NONE, blocking ones wait in the WaitList. */
    @Test
    void exhaustedPool() {
        IpcHarness.Result r = run(Config.DEFAULT.withBuffers(4).withEndpoints(3), CallProfile.DEFAULT, 200_000, "IpcRandomTest#exhaustedPool");
        assertTrue(r.calls() > 100 && r.returns() == r.calls() && r.none() > 0 && r.peakOccupancy() == 4, r.toString());
        assertTrue(r.bufferAnswers(AccessStatus.NONE) > 0 && r.bufferAnswers(AccessStatus.OK) > 0, IpcHarness.bufferSummary(r));
    }

    @Test
    void onReturnPolicy() {
        IpcHarness.Result r = run(Config.DEFAULT.withReleasePolicy(ReleasePolicy.ON_RETURN), CallProfile.DEFAULT, 200_000,
            "IpcRandomTest#onReturnPolicy");
        assertTrue(r.calls() > 100 && r.returns() == r.calls(), r.toString());
    }

    /**
     * ON_RETURN with 28 calls in flight on 32 buffers: the held calls fill the pool from the bottom
     * and replies take the rest, so HeldCalls holds buffers in every position. (With as many calls
     * in flight as buffers, ON_RETURN deadlocks: no callee finds a buffer for its reply.)
     */
    @Test
    void onReturnFillsThePool() {
        CallProfile busy = new CallProfile("on-return-full", 28, 9, 64, 200, 1500, 0, 0.2, 0.2, 0.3, 0.02, 0, 0, 0.05, 0.1, 0.0);
        IpcHarness.Result r = run(Config.DEFAULT.withReleasePolicy(ReleasePolicy.ON_RETURN), busy, 200_000,
            "IpcRandomTest#onReturnFillsThePool");
        assertTrue(r.calls() > 100 && r.returns() == r.calls() && r.peakOccupancy() == Config.DEFAULT.buffers(), r.toString());
    }
}
