package swapipc.sim;

import org.junit.jupiter.api.Test;
import swapipc.model.BufferOp;
import swapipc.model.Config;
import swapipc.model.Message;
import swapipc.model.MessageKind;
import swapipc.model.ReleasePolicy;
import swapipc.model.SendStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Directed scenarios on the IpcUnit, each run under the full scoreboard of IpcHarness (content,
 * exactly once, order, flags, conservation, free timing) plus the checks written here.
 */
class IpcDirectedTest {
    private static final SplittableRandom RND = new SplittableRandom(7);

    private static Message msg(int src, int dst, MessageKind kind, int tag, int length) {
        return IpcHarness.message(RND, src, dst, kind, tag, length);
    }

    private static IpcHarness.Result run(Config cfg, CallPlan plan, String test) {
        IpcHarness.Result r = IpcHarness.run(cfg, plan, 7, 200_000, "mvn -pl sim test -Dtest=IpcDirectedTest#" + test);
        assertTrue(r.passed(), r.failure());
        return r;
    }

    private static List<IpcHarness.Event> events(IpcHarness.Result r, IpcHarness.Event.Kind kind, Predicate<IpcHarness.Event> p) {
        return r.events().stream().filter(e -> e.kind() == kind && p.test(e)).toList();
    }

    @Test
    void oneCallAndReply() {
        Config cfg = Config.DEFAULT;
        IpcHarness.Result r = run(cfg, new CallPlan(cfg).send(0, msg(0, 1, MessageKind.CALL, 42, 64)), "oneCallAndReply");
        List<IpcHarness.Event> delivered = events(r, IpcHarness.Event.Kind.DELIVERED, e -> true);
        assertEquals(2, delivered.size(), r.events().toString());
        assertEquals(MessageKind.CALL, delivered.get(0).message().kind());
        assertEquals(1, delivered.get(0).endpoint());
        assertEquals(MessageKind.RETURN, delivered.get(1).message().kind());
        assertEquals(0, delivered.get(1).endpoint());
        assertEquals(42, delivered.get(1).message().tag(), "the reply carries the call's tag");
        assertEquals(1, r.peakOccupancy(), "EARLY: the call's buffer is free before the reply takes one");
    }

    @Test
    void everyLengthArrivesIntactAndOnlyLongOnesTakeABuffer() {
        Config cfg = Config.DEFAULT;
        CallPlan plan = new CallPlan(cfg);
        plan.replies = false;
        for (int len = 0; len <= cfg.maxArgBytes(); len++) plan.send(0, msg(0, 1, MessageKind.CALL, len & 0xff, len));
        IpcHarness.Result r = run(cfg, plan, "everyLengthArrivesIntactAndOnlyLongOnesTakeABuffer");
        assertEquals(cfg.maxArgBytes() + 1, events(r, IpcHarness.Event.Kind.DELIVERED, e -> true).size());
        assertEquals(cfg.maxArgBytes() - cfg.inlineBytes(), r.pooled(), "lengths above inlineBytes are pooled, the rest inline");
    }

    @Test
    void fullQueueHoldsTheSenderAndLosesNothing() {
        Config cfg = Config.DEFAULT;
        CallPlan plan = new CallPlan(cfg);
        plan.replies = false;
        plan.pausedEndpoint = 1;
        plan.pausedUntil = 3000;
        int sent = cfg.queueDepth() + 6;
        for (int k = 0; k < sent; k++) plan.send(0, msg(0, 1, MessageKind.CALL, k, 4 * (k % 3)));
        IpcHarness.Result r = run(cfg, plan, "fullQueueHoldsTheSenderAndLosesNothing");
        assertEquals(cfg.queueDepth() + 1, plan.maxCount, "queue full plus the message in the copy engine");
        assertTrue(plan.senderHeld, "the sender was back-pressured");
        assertEquals(sent, events(r, IpcHarness.Event.Kind.DELIVERED, e -> true).size(), "nothing dropped");
    }

    @Test
    void badSendsAreRefusedWithoutTakingABuffer() {
        Config cfg = Config.DEFAULT;
        CallPlan plan = new CallPlan(cfg)
            .send(0, new Message(0, 5, MessageKind.CALL, 1, 1, 0, 0, new int[0]))
            .send(0, new Message(0, 1, MessageKind.CALL, 1, 2, 0, cfg.maxArgBytes() + 1, new int[Message.words(cfg.maxArgBytes() + 1)]));
        IpcHarness.Result r = run(cfg, plan, "badSendsAreRefusedWithoutTakingABuffer");
        List<SendStatus> answers = events(r, IpcHarness.Event.Kind.ANSWER, e -> true).stream().map(IpcHarness.Event::status).toList();
        assertEquals(List.of(SendStatus.BAD_DEST, SendStatus.TOO_LONG), answers);
        assertEquals(0, r.peakOccupancy());
    }

    /**
     * Three messages to endpoint 0, whose receiver is paused: the first is copied and its buffer
     * freed at once (EARLY), the other two keep both buffers of a two-buffer pool in the queue.
     */
    private static CallPlan exhaustedPool(Config cfg, long pausedUntil) {
        CallPlan plan = new CallPlan(cfg);
        plan.replies = false;
        plan.pausedEndpoint = 0;
        plan.pausedUntil = pausedUntil;
        for (int tag = 1; tag <= 3; tag++) plan.send(0, msg(1, 0, MessageKind.CALL, tag, 64));
        return plan;
    }

    /** Both buffers queued at a stalled receiver: a fail-fast send is answered NONE. */
    @Test
    void exhaustedPoolAnswersFailFastWithNone() {
        Config cfg = Config.DEFAULT.withBuffers(2).withEndpoints(4);
        CallPlan plan = exhaustedPool(cfg, 500).send(100, msg(2, 0, MessageKind.CALL, 4, 64), false);
        IpcHarness.Result r = run(cfg, plan, "exhaustedPoolAnswersFailFastWithNone");
        assertEquals(SendStatus.NONE, events(r, IpcHarness.Event.Kind.ANSWER, e -> e.endpoint() == 2).get(0).status());
        assertEquals(4, events(r, IpcHarness.Event.Kind.DELIVERED, e -> true).size(), "the retry went through later");
    }

    /** Blocking senders that find the pool empty get buffers in the order they asked, not by endpoint number. */
    @Test
    void waitersAreServedInArrivalOrder() {
        Config cfg = Config.DEFAULT.withBuffers(2).withEndpoints(4);
        CallPlan plan = exhaustedPool(cfg, 600).send(100, msg(3, 0, MessageKind.CALL, 4, 64))
            .send(200, msg(1, 0, MessageKind.CALL, 5, 64)).send(300, msg(2, 0, MessageKind.CALL, 6, 64));
        IpcHarness.Result r = run(cfg, plan, "waitersAreServedInArrivalOrder");
        List<Integer> served = events(r, IpcHarness.Event.Kind.ANSWER, e -> e.cycle() > 600 && e.status() == SendStatus.OK)
            .stream().map(IpcHarness.Event::endpoint).toList();
        assertEquals(List.of(3, 1, 2), served);
    }

    /** The same call and reply under both policies: ON_RETURN holds the call's buffer while the reply takes a second one. */
    @Test
    void releasePoliciesDifferInPeakOccupancy() {
        for (ReleasePolicy policy : ReleasePolicy.values()) {
            Config cfg = Config.DEFAULT.withReleasePolicy(policy);
            IpcHarness.Result r = run(cfg, new CallPlan(cfg).send(0, msg(0, 1, MessageKind.CALL, 9, 64)), "releasePoliciesDifferInPeakOccupancy");
            assertEquals(policy == ReleasePolicy.EARLY ? 1 : 2, r.peakOccupancy(), policy.toString());
            assertEquals(1, r.returns());
        }
    }

    /**
     * ON_RETURN, a caller reuses a tag: two calls 0 -> 1 with tag 5, the second in the lower buffer
     * (endpoint 2 holds buffer 0 by a BufferPort claim while the first call allocates, and frees it
     * before the second); endpoint 1's receiver is paused until both wait in its queue. A RETURN
     * names only its callee and tag, so to it the held calls are alike: each RETURN releases
     * exactly one, the lowest buffer among the calls its callee has taken. Returns the caller's
     * frees of buffers 0 and 1 in order (its CopyEngine frees the replies' buffers too; while both
     * calls are held no reply is in buffer 0 or 1, so the first of them is a release).
     */
    private static List<Integer> reusedTag(boolean lateReplies, String test) {
        Config cfg = Config.DEFAULT.withReleasePolicy(ReleasePolicy.ON_RETURN).withEndpoints(3);
        CallPlan plan = new CallPlan(cfg)
            .buffer(0, 2, BufferOp.CLAIM, 0, 0)
            .send(100, msg(0, 1, MessageKind.CALL, 5, 64))
            .buffer(200, 2, BufferOp.FREE, cfg.poolBase(), 0)
            .send(300, msg(0, 1, MessageKind.CALL, 5, 64));
        plan.pausedEndpoint = 1;
        plan.pausedUntil = 600;
        if (lateReplies) {
            // Both calls are taken long before either RETURN is sent.
            plan.replies = false;
            plan.send(1500, msg(1, 0, MessageKind.RETURN, 5, 64)).send(1600, msg(1, 0, MessageKind.RETURN, 5, 64));
        }
        List<Integer> callBuffers = new ArrayList<>();
        List<Integer> freed = new ArrayList<>();
        plan.probe = (cycle, in, out, pins) -> {
            IpcPins.Endpoint caller = pins.ep[0];
            if (out[caller.allocValid] != 0 && cycle < 1000) callBuffers.add(out[caller.allocIndex]);
            if (out[caller.freedValid] != 0 && out[caller.freedIndex] <= 1) freed.add(out[caller.freedIndex]);
        };
        IpcHarness.Result r = run(cfg, plan, test);
        assertEquals(List.of(1, 0), callBuffers, "the second call took the lower buffer");
        assertEquals(2, lateReplies ? events(r, IpcHarness.Event.Kind.DELIVERED, e -> e.message().kind() == MessageKind.RETURN).size()
            : r.returns());
        assertTrue(freed.contains(0) && freed.contains(1), "both calls released: " + freed);
        return freed;
    }

    /** Both calls taken before the first RETURN: it releases the lower buffer, the second call's. */
    @Test
    void onReturnReusedTagReleasesTheLowestTakenCallFirst() {
        assertEquals(0, reusedTag(true, "onReturnReusedTagReleasesTheLowestTakenCallFirst").get(0));
    }

    /**
     * The first RETURN is looked up while the second call is presented but not yet taken: it
     * releases the first call's buffer, not the lower one of the call nobody has read yet (held
     * from its copy, as before, the lower one was released and the model refused it).
     */
    @Test
    void onReturnReusedTagNeverReleasesACallNotYetTaken() {
        assertEquals(1, reusedTag(false, "onReturnReusedTagNeverReleasesACallNotYetTaken").get(0));
    }

    /** A message to oneself (dst = src): delivered, replied to oneself, and every buffer given back, under both policies and every length class. */
    @Test
    void callsToOneselfAreDeliveredAndRepliedUnderBothPolicies() {
        for (ReleasePolicy policy : ReleasePolicy.values()) {
            Config cfg = Config.DEFAULT.withReleasePolicy(policy);
            CallPlan plan = new CallPlan(cfg);
            int[] lengths = {0, cfg.inlineBytes(), cfg.inlineBytes() + 1, cfg.maxArgBytes()};
            for (int k = 0; k < lengths.length; k++) plan.send(0, msg(1, 1, MessageKind.CALL, k, lengths[k]));
            IpcHarness.Result r = run(cfg, plan, "callsToOneselfAreDeliveredAndRepliedUnderBothPolicies");
            List<IpcHarness.Event> delivered = events(r, IpcHarness.Event.Kind.DELIVERED, e -> true);
            assertEquals(2 * lengths.length, delivered.size(), policy + ": " + delivered);
            assertTrue(delivered.stream().allMatch(e -> e.endpoint() == 1 && e.message().src() == 1), policy + ": all at endpoint 1, from 1");
            assertEquals(lengths.length, r.returns(), policy.toString());
        }
    }
}
