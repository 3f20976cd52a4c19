package swapipc.sim;

import org.junit.jupiter.api.Test;
import swapipc.model.AccessStatus;
import swapipc.model.BufferOp;
import swapipc.model.Config;
import swapipc.model.Message;
import swapipc.model.MessageKind;
import swapipc.model.OwnerKind;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ownership and zeroize on the IpcUnit's BufferPorts, under the full IpcHarness scoreboard (which
 * also checks the owner table, flags and the error status against the model every cycle).
 */
class BufferPortTest {
    private static final Config CFG = Config.DEFAULT;
    private static final long REF0 = CFG.ref(0);

    private static IpcHarness.Result run(Config cfg, CallPlan plan, String test) {
        IpcHarness.Result r = IpcHarness.run(cfg, plan, 3, 100_000, "mvn -pl sim test -Dtest=BufferPortTest#" + test);
        assertTrue(r.passed(), r.failure());
        return r;
    }

    private static List<IpcHarness.Event> answers(IpcHarness.Result r, int e) {
        return r.events().stream().filter(v -> v.kind() == IpcHarness.Event.Kind.BUFFER && v.endpoint() == e).toList();
    }

    private static List<AccessStatus> statuses(IpcHarness.Result r, int e) {
        return answers(r, e).stream().map(IpcHarness.Event::access).toList();
    }

    @Test
    void onlyTheClaimerReadsWritesAndFrees() {
        CallPlan plan = new CallPlan(CFG)
            .buffer(0, 0, BufferOp.CLAIM, 0, 0)
            .buffer(0, 0, BufferOp.WRITE, REF0, 5, 0x1234_5678)
            .buffer(0, 0, BufferOp.READ, REF0, 5)
            .buffer(0, 0, BufferOp.READ, REF0, 6)
            .buffer(50, 1, BufferOp.READ, REF0, 5)
            .buffer(50, 1, BufferOp.WRITE, REF0, 5, -1)
            .buffer(50, 1, BufferOp.FREE, REF0, 0)
            .buffer(200, 0, BufferOp.READ, REF0, 5)
            .buffer(200, 0, BufferOp.FREE, REF0, 0)
            .buffer(200, 0, BufferOp.FREE, REF0, 0)
            .buffer(200, 0, BufferOp.READ, REF0, 5);
        IpcHarness.Result r = run(CFG, plan, "onlyTheClaimerReadsWritesAndFrees");
        assertEquals(List.of(AccessStatus.OK, AccessStatus.OK, AccessStatus.OK, AccessStatus.OK, AccessStatus.OK, AccessStatus.OK,
            AccessStatus.DOUBLE_FREE, AccessStatus.FOREIGN), statuses(r, 0));
        assertEquals(List.of(AccessStatus.FOREIGN, AccessStatus.FOREIGN, AccessStatus.FOREIGN), statuses(r, 1));
        List<IpcHarness.Event> own = answers(r, 0);
        assertEquals(0x1234_5678, own.get(2).word(), "read back what was written");
        assertEquals(0, own.get(3).word(), "an unwritten word of a fresh claim reads 0");
        assertEquals(0x1234_5678, own.get(4).word(), "the foreign write changed nothing");
    }

    @Test
    void badReferencesAndWordsAreRefused() {
        CallPlan plan = new CallPlan(CFG)
            .buffer(0, 0, BufferOp.CLAIM, 0, 0)
            .buffer(0, 0, BufferOp.READ, REF0 + 4, 0)
            .buffer(0, 0, BufferOp.WRITE, CFG.ref(CFG.buffers() - 1) + CFG.bufferBytes(), 0, 1)
            .buffer(0, 0, BufferOp.FREE, CFG.poolBase() - CFG.bufferBytes(), 0)
            .buffer(0, 0, BufferOp.READ, REF0, CFG.bufferWords())
            .buffer(0, 0, BufferOp.WRITE, REF0, 0xffff, 1)
            .buffer(0, 0, BufferOp.FREE, REF0, 0);
        IpcHarness.Result r = run(CFG, plan, "badReferencesAndWordsAreRefused");
        assertEquals(List.of(AccessStatus.OK, AccessStatus.INVALID_REF, AccessStatus.INVALID_REF, AccessStatus.INVALID_REF,
            AccessStatus.OUT_OF_RANGE, AccessStatus.OUT_OF_RANGE, AccessStatus.OK), statuses(r, 0));
    }

    /** Two endpoints refused in the same cycle: both answers, both counted (the harness checks errCount every cycle). */
    @Test
    void refusalsInOneCycleAreAllCounted() {
        long free = CFG.ref(7);
        CallPlan plan = new CallPlan(CFG).buffer(0, 0, BufferOp.FREE, free, 0).buffer(0, 1, BufferOp.FREE, free, 0)
            .buffer(10, 0, BufferOp.READ, free, 0).buffer(10, 1, BufferOp.WRITE, free, 0, 1);
        IpcHarness.Result r = run(CFG, plan, "refusalsInOneCycleAreAllCounted");
        for (int e = 0; e < 2; e++) {
            assertEquals(List.of(AccessStatus.DOUBLE_FREE, AccessStatus.FOREIGN), statuses(r, e));
            assertEquals(answers(r, 0).get(0).cycle(), answers(r, e).get(0).cycle(), "both answered in the same cycle");
        }
    }

    /**
     * Once posted, a message's buffer is its receiver's: neither endpoint's BufferPort may touch it.
     * An inline message, presented to a receiver that looks away, keeps the pooled one queued.
     */
    @Test
    void aPostedBufferBelongsToTheReceiver() {
        SplittableRandom rnd = new SplittableRandom(1);
        CallPlan plan = new CallPlan(CFG).send(0, IpcHarness.message(rnd, 0, 1, MessageKind.CALL, 1, 0))
            .send(0, IpcHarness.message(rnd, 0, 1, MessageKind.CALL, 2, 64));
        plan.replies = false;
        plan.pausedEndpoint = 1;
        plan.pausedUntil = 300;
        plan.buffer(100, 0, BufferOp.READ, REF0, 0).buffer(100, 0, BufferOp.WRITE, REF0, 2, 0)
            .buffer(100, 1, BufferOp.READ, REF0, 0).buffer(100, 1, BufferOp.FREE, REF0, 0);
        plan.watchCycle = 150;
        IpcHarness.Result r = run(CFG, plan, "aPostedBufferBelongsToTheReceiver");
        assertEquals(List.of(AccessStatus.FOREIGN, AccessStatus.FOREIGN), statuses(r, 0));
        assertEquals(List.of(AccessStatus.FOREIGN, AccessStatus.FOREIGN), statuses(r, 1));
        assertEquals(OwnerKind.MESSAGE.code() | 1 << OwnerKind.BITS, plan.watchedOwners & 0b111, "buffer 0: MESSAGE, endpoint 1");
        assertEquals(2, r.events().stream().filter(v -> v.kind() == IpcHarness.Event.Kind.DELIVERED).count());
    }

    /**
     * A 248-byte message passes through buffer 0; then endpoint 1 claims buffer 0 and reads every
     * word. With zeroize all read 0; without, the message's words are still there (the check bites).
     */
    @Test
    void zeroizeLeavesNothingForTheNextOwner() {
        for (boolean zeroize : new boolean[] {true, false}) {
            Config cfg = CFG.withZeroize(zeroize);
            Message m = IpcHarness.message(new SplittableRandom(2), 0, 1, MessageKind.CALL, 1, cfg.maxArgBytes());
            CallPlan plan = new CallPlan(cfg).send(0, m).buffer(1000, 1, BufferOp.CLAIM, 0, 0);
            plan.replies = false;
            for (int w = 0; w < cfg.bufferWords(); w++) plan.buffer(1000, 1, BufferOp.READ, cfg.ref(0), w);
            IpcHarness.Result r = run(cfg, plan, "zeroizeLeavesNothingForTheNextOwner");
            List<IpcHarness.Event> reads = answers(r, 1).subList(1, 1 + cfg.bufferWords());
            assertTrue(answers(r, 1).stream().allMatch(v -> v.access() == AccessStatus.OK), "claimed buffer 0 and read it");
            long nonZero = reads.stream().filter(v -> v.word() != 0).count();
            if (zeroize) {
                assertEquals(0, nonZero, "zeroize: every word of the reclaimed buffer reads 0");
            } else {
                int matches = 0;
                for (int k = 0; k < m.args().length; k++) if (reads.get(2 + k).word() == m.args()[k]) matches++;
                assertEquals(m.args().length, matches, "without zeroize the earlier message is still readable");
            }
        }
    }

    /**
     * Answer latency of each BufferPort command without contention, cycles from the command taken
     * to its answer showing (docs/integration.md tabulates these): with zeroize a FREE clears the
     * whole buffer first; a refusal answers as fast as an OK.
     */
    @Test
    void answerLatenciesPerCommand() {
        for (boolean zeroize : new boolean[] {true, false}) {
            Config cfg = CFG.withZeroize(zeroize);
            CallPlan plan = new CallPlan(cfg)
                .buffer(0, 0, BufferOp.CLAIM, 0, 0)
                .buffer(0, 0, BufferOp.WRITE, REF0, 3, 7)
                .buffer(0, 0, BufferOp.READ, REF0, 3)
                .buffer(0, 0, BufferOp.FREE, REF0, 0)
                .buffer(0, 0, BufferOp.FREE, REF0, 0)
                .buffer(0, 0, BufferOp.READ, REF0, 3);
            IpcHarness.Result r = run(cfg, plan, "answerLatenciesPerCommand");
            List<IpcHarness.Event> a = answers(r, 0);
            assertEquals(List.of(AccessStatus.OK, AccessStatus.OK, AccessStatus.OK, AccessStatus.OK, AccessStatus.DOUBLE_FREE, AccessStatus.FOREIGN),
                statuses(r, 0));
            long[] latency = a.stream().mapToLong(IpcHarness.Event::latency).toArray();
            System.out.printf("BufferPortTest: zeroize %s: CLAIM %d, WRITE %d, READ %d, FREE %d, refused FREE %d, refused READ %d cycles%n",
                zeroize, latency[0], latency[1], latency[2], latency[3], latency[4], latency[5]);
            assertEquals(List.of(CLAIM_CYCLES, WRITE_CYCLES, READ_CYCLES, zeroize ? FREE_ZEROIZE_CYCLES : FREE_CYCLES, REFUSED_CYCLES, REFUSED_CYCLES),
                java.util.Arrays.stream(latency).boxed().toList(), "zeroize " + zeroize);
        }
    }

    static final long CLAIM_CYCLES = 3, WRITE_CYCLES = 2, READ_CYCLES = 3, FREE_CYCLES = 4, REFUSED_CYCLES = 2;
    /** bufferWords cycles of clearing (64 by default) and 4 more. */
    static final long FREE_ZEROIZE_CYCLES = CFG.bufferWords() + 4;
}
