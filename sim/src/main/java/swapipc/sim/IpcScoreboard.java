package swapipc.sim;

import swapipc.model.AllocPolicy;
import swapipc.model.Config;
import swapipc.model.IpcModel;
import swapipc.model.Message;
import swapipc.model.ReleasePolicy;
import swapipc.model.SendStatus;
import swapipc.model.WireFormat;
import swapipc.sim.coverage.FunctionalCoverage;
import swapipc.sim.coverage.IpcCoverage;

import java.util.List;

/**
 * The IpcUnit judged against {@link IpcModel}, fed only by the monitors' transactions
 * ({@link SendMonitor}, {@link RecvMonitor}) and the unit's own outputs (the trace flows, flags
 * and counts of a debug build); it drives nothing and knows nothing of what the drivers meant.
 * Every send answer is the one the model allows (a NONE only when no buffer was free or senders
 * waited in the cycle it was decided), every granted buffer shows as an `allocated` event before
 * its answer, every delivered message is the next one the model expects from its sender with the
 * content sent, and under EARLY its buffer is free in the cycle it is presented. Every cycle: the
 * flags equal the model's, freeCount + inTransit = buffers, and the interrupt follows its threshold.
 */
final class IpcScoreboard implements SendMonitor.Listener {
    private final Config cfg;
    private final FunctionalCoverage coverage;
    private final List<IpcHarness.Event> events;
    private final DeliveryLatency latency;
    private IpcModel model;
    private String failure;
    /** Per endpoint: whether a NONE was legal in the cycle its send's answer first showed. */
    private final boolean[] noneLegal;
    private final long[] freedAt;
    private boolean noneAllowed;
    private boolean poolEmpty;
    private boolean waitedLastCycle;
    /** Messages handed to the model before their last word was taken (by identity): none may be delivered yet. */
    private final java.util.Set<Message> incomplete = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    long messages, pooled, pooledWords, none, refused, heldAnswers;
    int peak;
    long occupancySum, occupancyCycles;

    IpcScoreboard(Config cfg, FunctionalCoverage coverage, List<IpcHarness.Event> events, DeliveryLatency latency) {
        this.cfg = cfg;
        this.coverage = coverage;
        this.events = events;
        this.latency = latency;
        this.model = new IpcModel(cfg);
        this.noneLegal = new boolean[cfg.endpoints()];
        this.freedAt = new long[cfg.endpoints()];
    }

    IpcModel model() { return model; }

    String failure() { return failure; }

    void fail(String why) {
        if (failure == null) failure = why;
    }

    boolean check(Runnable r) {
        try {
            r.run();
            return true;
        } catch (IllegalStateException ex) {
            fail(ex.getMessage());
            return false;
        }
    }

    /** A reset: every message in flight is gone by design, so the model starts afresh. */
    void reset() {
        model = new IpcModel(cfg);
        incomplete.clear();
        java.util.Arrays.fill(freedAt, -1);
        waitedLastCycle = false;
    }

    boolean waitedLastCycle() { return waitedLastCycle; }

    boolean noneAllowed() { return noneAllowed; }

    /**
     * The start of a cycle's judgment. A NONE answered now was decided last cycle, against last
     * cycle's free buffers (what freeCount shows now: it follows the flags one cycle late) minus
     * those granted to other ports in that decision (their allocated events are now). A SCAN walk
     * answers NONE when every flag it swapped was 0 as it passed, though one behind it may have been
     * freed since: its walk is judged at the ControlArea (lockstep, proofs).
     */
    void beginCycle(int[] out, IpcPins pins) {
        poolEmpty = out[pins.freeCount] == 0;
        int grantedNow = 0;
        for (IpcPins.Endpoint p : pins.ep) grantedNow += out[p.allocValid] + out[p.claimedValid];
        noneAllowed = out[pins.freeCount] - grantedNow <= 0 || waitedLastCycle || cfg.allocPolicy() == AllocPolicy.SCAN;
    }

    /** Every free of the cycle before every grant, as the FlagBank swaps them. */
    void observeFrees(int[] out, IpcPins pins, long cycle) {
        for (int e = 0; e < cfg.endpoints() && failure == null; e++) {
            IpcPins.Endpoint p = pins.ep[e];
            if (out[p.freedValid] == 0) continue;
            freedAt[e] = cycle;
            if (events != null) events.add(new IpcHarness.Event(cycle, e, IpcHarness.Event.Kind.FREED, null, null));
            final int ep = e;
            check(() -> model.freed(ep, out[p.freedIndex]));
        }
    }

    /** The posted trace flow of endpoint e: its sender handed the buffer to the Indicator. */
    void observePosted(int[] out, IpcPins.Endpoint p) {
        if (failure == null && out[p.postedValid] != 0) check(() -> model.posted(out[p.postedIndex]));
    }

    void endCycle(int[] out, IpcPins pins) {
        waitedLastCycle = out[pins.waiting] != 0;
    }

    @Override
    public void allocated(int e, SendMonitor.Send s, int index, long cycle) {
        // The flag reads 0 from this cycle on, whenever the sender takes the answer.
        Message m = s.message;
        if (model.admit(m) != SendStatus.OK || model.inline(m)) {
            fail("endpoint " + e + ": buffer " + index + " allocated without a pooled send waiting for it");
            return;
        }
        if (check(() -> model.granted(m, index))) incomplete.add(m);
    }

    @Override
    public void answerShown(int e, SendMonitor.Send s, long cycle) {
        // Judged when the answer appears (it may be taken later): was a NONE possible then?
        noneLegal[e] = noneAllowed;
    }

    @Override
    public void answerHeld(int e, SendMonitor.Send s, long cycle) {
        heldAnswers++;
        coverage.hit(IpcCoverage.HELD, "send answer");
    }

    @Override
    public void answered(int e, SendMonitor.Send s, long cycle) {
        if (failure != null) return;
        Message m = s.message;
        SendStatus got = s.status;
        if (events != null) events.add(new IpcHarness.Event(cycle, e, IpcHarness.Event.Kind.ANSWER, m, got));
        IpcCoverage.send(coverage, m, got, poolEmpty);
        SendStatus allowed = model.admit(m);
        if (allowed != SendStatus.OK) {
            if (got != allowed) fail("endpoint " + e + ": send answered " + got + ", expected " + allowed + ": " + m);
            refused++;
            return;
        }
        if (got != SendStatus.OK && s.granted >= 0) {
            fail("endpoint " + e + ": answered " + got + " after buffer " + s.granted + " was allocated for " + m);
            return;
        }
        if (got == SendStatus.NONE) {
            if (s.blocking) fail("endpoint " + e + ": a blocking send was answered NONE: " + m);
            else if (model.inline(m)) fail("endpoint " + e + ": an inline send was answered NONE: " + m);
            else if (!noneLegal[e]) fail("endpoint " + e + ": answered NONE although a buffer was free and nobody waited: " + m);
            none++;
            return;
        }
        if (got != SendStatus.OK) {
            fail("endpoint " + e + ": send answered " + got + ", expected OK: " + m);
            return;
        }
        boolean isPooled = !model.inline(m);
        if (s.pooled != isPooled) {
            fail("endpoint " + e + ": answer says pooled=" + (s.pooled ? 1 : 0) + " for a " + m.length() + "-byte message");
            return;
        }
        if (isPooled && s.granted != s.index) {
            fail("endpoint " + e + ": OK with buffer " + s.index + ", but the allocated event said " + s.granted);
            return;
        }
        if (!isPooled && !check(() -> model.granted(m, -1))) return;
        if (!isPooled) incomplete.add(m);
        messages++;
        if (isPooled) {
            pooled++;
            pooledWords += WireFormat.HEADER_WORDS + Message.words(m.length());
        }
    }

    @Override
    public void sent(int e, SendMonitor.Send s, long cycle) {
        if (failure != null) return;
        incomplete.remove(s.message);
        if (events != null) events.add(new IpcHarness.Event(cycle, e, IpcHarness.Event.Kind.SENT, s.message, null));
        latency.sent(s.message, cycle, model.inTransitTo(s.message.dst()));
    }

    /** A message first presented at endpoint e: notEmpty shows it, and under EARLY its buffer was freed in this cycle. */
    void presented(int e, int[] out, IpcPins.Endpoint p, long cycle) {
        if (out[p.notEmpty] == 0) fail("endpoint " + e + ": a message is presented but notEmpty is 0");
        boolean pooledMsg = out[p.recvLength] > cfg.inlineBytes();
        if (pooledMsg && cfg.releasePolicy() == ReleasePolicy.EARLY && freedAt[e] != cycle - IpcHarness.FREE_TO_PRESENT) {
            fail("endpoint " + e + ": EARLY: the buffer was freed at cycle " + freedAt[e] + ", not " + IpcHarness.FREE_TO_PRESENT
                + " cycles before the message was presented at " + cycle);
        }
        String late = latency.presented(e, cycle);
        if (late != null) fail(late);
    }

    /** A message released by endpoint e's receiver, as its RecvMonitor read it: the next one the model expects from that sender. */
    boolean delivered(int e, Message got, long cycle) {
        Message[] expected = new Message[1];
        if (!check(() -> expected[0] = model.delivered(e, got.src()))) return false;
        if (incomplete.contains(expected[0])) {
            fail("endpoint " + e + ": delivered " + got + " before its sender's last word was taken");
            return false;
        }
        if (!expected[0].sameContent(got)) {
            fail("endpoint " + e + ": received " + got + ", expected " + expected[0]);
            return false;
        }
        if (events != null) events.add(new IpcHarness.Event(cycle, e, IpcHarness.Event.Kind.DELIVERED, got, null));
        IpcCoverage.delivered(coverage, cfg, got, e);
        return true;
    }

    /** The every-cycle state checks (from initDone's second cycle). */
    void checkInvariants(int[] in, int[] out, IpcPins pins) {
        int free = out[pins.freeCount];
        if (free + out[pins.inTransit] != cfg.buffers()) {
            fail("conservation: freeCount " + free + " + inTransit " + out[pins.inTransit] + " != " + cfg.buffers());
            return;
        }
        for (int i = 0; i < cfg.buffers(); i++) {
            int rtl = (out[pins.flags + i / 32] >>> (i % 32)) & 1;
            if (rtl != model.flag(i)) {
                fail("flag " + i + ": RTL " + rtl + ", model " + model.flag(i));
                return;
            }
        }
        for (int e = 0; e < cfg.endpoints(); e++) {
            IpcPins.Endpoint p = pins.ep[e];
            boolean notEmpty = out[p.count] != 0;
            int threshold = in[p.irqThreshold];
            boolean irq = in[p.irqEnable] != 0 && notEmpty && out[p.count] >= threshold;
            if ((out[p.notEmpty] != 0) != notEmpty) fail("endpoint " + e + ": notEmpty " + out[p.notEmpty] + " with count " + out[p.count]);
            if ((out[p.irq] != 0) != irq) {
                fail("endpoint " + e + ": irq " + out[p.irq] + " with enable " + in[p.irqEnable] + ", count " + out[p.count]
                    + ", threshold " + threshold);
            }
        }
        peak = Math.max(peak, cfg.buffers() - free);
        occupancySum += cfg.buffers() - free;
        occupancyCycles++;
    }
}
