package swapipc.sim;

import swapipc.hdl.Generator;
import swapipc.model.AccessStatus;
import swapipc.model.AllocPolicy;
import swapipc.model.Config;
import swapipc.model.IpcModel;
import swapipc.model.Message;
import swapipc.model.MessageKind;
import swapipc.model.ReleasePolicy;
import swapipc.model.SendStatus;
import swapipc.model.WireFormat;
import swapipc.sim.coverage.FunctionalCoverage;
import swapipc.sim.coverage.IpcCoverage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Two-party calls on the generated IpcUnit with the transaction-level {@link IpcModel} as
 * scoreboard. Every cycle: the model's flags equal the RTL's, freeCount + inTransit = buffers,
 * the interrupt follows its threshold. Every answer: the status is the one the model allows,
 * and a granted buffer shows as an `allocated` event. Every free: legal for that endpoint, and
 * under EARLY in the cycle its message is presented. Every delivered message: the next
 * one the model expects from that sender (exactly once, in order), with the content sent.
 * The first violation ends the run; the result names the seed and the command to replay it.
 */
public final class IpcHarness {
    /** Cycles from a buffer's free becoming visible to its message being presented (EARLY): the same cycle. */
    public static final int FREE_TO_PRESENT = 0;

    public record Result(Config config, CallProfile profile, long seed, long cycles, long calls, long returns, long messages,
                         long pooled, long pooledWords, long none, long refused, long resets, long strayWords, long strayReads,
                         long heldAnswers, int peakOccupancy, double meanOccupancy, long drainCycles,
                         long[] bufferAnswers, List<Event> events, double seconds, String failure, FunctionalCoverage coverage,
                         long deliverySlack) {
        // deliverySlack: cycles to spare of the message closest to its DeliveryLatency bound.
        public boolean passed() { return failure == null; }

        /** BufferPort answers of one kind, over all endpoints. */
        public long bufferAnswers(AccessStatus s) { return bufferAnswers[s.ordinal()]; }
    }

    /**
     * What a scripted run saw: a send's answer, the sender's last word taken (SENT), a buffer's
     * free becoming visible at the receiving endpoint (FREED, message null), a message released
     * by its receiver (DELIVERED), a BufferPort answer (BUFFER: its command, status, data word, and
     * latency: cycles from the command taken to its answer first showing).
     */
    public record Event(long cycle, int endpoint, Kind kind, Message message, SendStatus status, BufferAgent.Command command,
                        AccessStatus access, int word, long latency) {
        public enum Kind { ANSWER, SENT, FREED, DELIVERED, BUFFER }

        Event(long cycle, int endpoint, Kind kind, Message message, SendStatus status) {
            this(cycle, endpoint, kind, message, status, null, null, 0, 0);
        }
    }

    /** Directed traffic: which message each endpoint sends when, and when its receiver looks away. */
    public interface Script {
        /** A new message for endpoint {@code e} to send now, or null. */
        Message next(int e, long cycle);

        /** Whether the traffic is over; the run then drains. */
        boolean finished(long cycle);

        default boolean blocking(Message m) { return true; }

        /** Whether callees answer each CALL with a RETURN. */
        default boolean replies() { return true; }

        /** While true, endpoint e's receiver does not take presented messages. */
        default boolean paused(int e, long cycle) { return false; }

        /** Whether receivers also read one word past each message's end (which must read 0). */
        default boolean probePastEnd() { return true; }

        /** A BufferPort command for endpoint {@code e} to issue now, or null. */
        default BufferAgent.Command buffer(int e, long cycle) { return null; }

        /** Sees every cycle's inputs and outputs (for checks a directed test adds). */
        default void observe(long cycle, int[] in, int[] out, IpcPins pins) {}
    }

    private final Config cfg;
    /** The functional coverage this run reached (IpcCoverage's bins). */
    private final FunctionalCoverage coverage = IpcCoverage.declare(new FunctionalCoverage());
    /** initDone was high in the cycle before (the conservation check starts a cycle after it rises). */
    private boolean initDoneBefore;
    /** No buffer free this cycle (freeCount, which follows the flags one cycle late, reads 0). */
    private boolean poolEmpty;
    /** The stream rules on every answer stream, checked every cycle from the pins. */
    private List<StreamMonitor> monitors = List.of();
    private final CallProfile profile;
    private final Script script;
    private final List<Event> events;
    private final long seed;
    private final String replay;
    private final SplittableRandom rnd;
    private IpcModel model;
    private final SenderAgent[] senders;
    private final ReceiverAgent[] receivers;
    private BufferPortScoreboard board;
    private final DeliveryLatency latency;
    private final int[] outstanding;
    private final boolean[][] tagBusy;
    private final int[] nextTag;
    private final long[] freedAt;
    /** Per endpoint: the cycle its current message was first presented (recv.valid rose). */
    private final long[] presentedAt;
    private final int threshold;
    private long calls, returns, messages, pooled, pooledWords, none, refused, resets, strayWords, heldAnswers;
    /** Senders waited for a buffer last cycle (`io_waiting`): the cycle in which an answer appearing now was decided. */
    private boolean waitedLastCycle;
    private boolean noneAllowed;
    private int peak;
    private long occupancySum;
    private long occupancyCycles;
    /** Per endpoint: its own random stream for the calls it makes, so both policies see the same calls. */
    private final SplittableRandom[] callRnd;
    /** Per caller and tag: the service time and reply length drawn with the call. */
    private final long[][] replyPlan;
    private final long[] nextCallAt;
    private String failure;

    private IpcHarness(Config cfg, CallProfile profile, Script script, long seed, String replay) {
        this.cfg = cfg;
        this.profile = profile;
        this.script = script;
        this.events = script == null ? null : new ArrayList<>();
        this.seed = seed;
        this.replay = replay;
        this.rnd = new SplittableRandom(seed);
        this.model = new IpcModel(cfg);
        int e = cfg.endpoints();
        this.senders = new SenderAgent[e];
        this.receivers = new ReceiverAgent[e];
        this.outstanding = new int[e];
        this.tagBusy = new boolean[e][256];
        this.nextTag = new int[e];
        this.freedAt = new long[e];
        this.presentedAt = new long[e];
        this.latency = new DeliveryLatency(cfg);
        this.threshold = rnd.nextInt(Math.min(5, cfg.queueDepth() + 1));
        this.callRnd = new SplittableRandom[e];
        for (int k = 0; k < e; k++) callRnd[k] = new SplittableRandom(seed * 31 + k);
        this.replyPlan = new long[e][256];
        this.nextCallAt = new long[e];
        for (int k = 0; k < e; k++) nextCallAt[k] = callRnd[k].nextInt(2 * profile.callGap() + 1);
    }

    /** BufferPort answers by kind, for reports: "OK 1,234, NONE 5, ...". */
    public static String bufferSummary(Result r) {
        StringBuilder sb = new StringBuilder();
        for (AccessStatus s : AccessStatus.values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(s).append(String.format(" %,d", r.bufferAnswers(s)));
        }
        return sb.toString();
    }

    /** How to re-run a seed from the command line. */
    public static String replay(Config cfg, long seed, long cycles) {
        return "./swapipc demo --seed " + seed + " --cycles " + cycles + cfg.paramArgs();
    }

    /** Runs {@code cycles} cycles of traffic, then drains: no new calls until every call returned and the pool is whole. */
    public static Result run(Config cfg, CallProfile profile, long seed, long cycles, String replay, boolean waves) {
        return run(cfg, profile, null, seed, cycles, replay, waves);
    }

    /** A directed run: traffic from {@code script}, no stalls, immediate replies, every answer and delivery recorded. */
    public static Result run(Config cfg, Script script, long seed, long maxCycles, String replay) {
        return run(cfg, CallProfile.QUIET, script, seed, maxCycles, replay, false);
    }

    /** A directed run whose replies and stalls follow {@code profile}. */
    public static Result run(Config cfg, CallProfile profile, Script script, long seed, long maxCycles, String replay) {
        return run(cfg, profile, script, seed, maxCycles, replay, false);
    }

    private static Result run(Config cfg, CallProfile profile, Script script, long seed, long cycles, String replay, boolean waves) {
        return run(Designs.ipcUnit(cfg), cfg, profile, script, seed, cycles, replay, waves);
    }

    /** Random traffic on a given build of the IpcUnit (a mutant, for the tests that show a check bites). */
    static Result run(Generator.Output design, Config cfg, CallProfile profile, long seed, long cycles, String replay) {
        return run(design, cfg, profile, null, seed, cycles, replay, false);
    }

    private static Result run(Generator.Output design, Config cfg, CallProfile profile, Script script, long seed, long cycles, String replay,
                              boolean waves) {
        boolean trace = waves || Workspace.wavesRequested();
        VerilatedModel rtl = VerilatedModel.of(design, trace);
        Path fst = trace ? Workspace.waves().resolve("ipc-" + seed + ".fst") : null;
        try (Simulation sim = rtl.instantiate(fst)) {
            return new IpcHarness(cfg, profile, script, seed, replay).run(sim, cycles);
        }
    }

    private Result run(Simulation sim, long cycles) {
        PortLayout layout = new PortLayout(sim);
        IpcPins pins = new IpcPins(cfg, layout);
        for (int e = 0; e < cfg.endpoints(); e++) {
            senders[e] = new SenderAgent(pins.ep[e]);
            receivers[e] = new ReceiverAgent(cfg, pins.ep[e], e, script == null || script.probePastEnd());
            layout.in[pins.ep[e].irqThreshold] = threshold;
        }
        board = new BufferPortScoreboard(cfg, pins, coverage);
        monitors = StreamMonitor.of(pins);
        long t0 = System.nanoTime();
        layout.in[pins.reset] = 1;
        for (int k = 0; k < 3; k++) layout.step();
        layout.in[pins.reset] = 0;
        // Cycle 0 is the first in which the unit takes commands (zeroize: after the pool is cleared).
        do layout.step(); while (layout.out[pins.initDone] == 0);
        long cycle = 0;
        long drainLimit = cycles + 200_000L + 10L * profile.serviceMax() * profile.callsInFlight();
        long drained = -1;
        long stoppedAt = -1;
        try {
            for (; failure == null && cycle < drainLimit; cycle++) {
                boolean traffic = script == null ? cycle < cycles : !script.finished(cycle);
                if (!traffic && stoppedAt < 0) stoppedAt = cycle;
                if (!traffic && idle(layout.out, pins)) {
                    drained = cycle - stoppedAt;
                    break;
                }
                if (traffic && profile.resetEvery() > 0 && rnd.nextInt(profile.resetEvery()) == 0) {
                    reset(layout, pins);
                    continue;
                }
                boolean ready = layout.out[pins.initDone] != 0;
                for (int e = 0; e < cfg.endpoints(); e++) {
                    if (ready && senders[e].phase == SenderAgent.Phase.IDLE && cycle >= senders[e].backoffUntil) next(e, cycle, traffic);
                    boolean abuse = profile.abuse() > 0 && rnd.nextDouble() < profile.abuse();
                    senders[e].drive(layout.in, rnd.nextDouble() < profile.senderStall(), abuse, abuse ? rnd.nextInt() : 0);
                    int stray = profile.abuse() > 0 && rnd.nextDouble() < profile.abuse() ? rnd.nextInt(cfg.bufferWords()) : -1;
                    receivers[e].drive(layout.in, cycle, stray);
                    if ((cycle & 63) == 0) layout.in[pins.ep[e].irqEnable] = rnd.nextInt(4) == 0 ? 0 : 1;
                }
                board.drive(layout.in, rnd, profile, script, traffic, cycle);
                layout.step();
                observe(layout.in, layout.out, pins, cycle);
                if (script != null) script.observe(cycle, layout.in, layout.out, pins);
            }
        } catch (RtlAssertionFailure rtl) {
            fail(rtl.getMessage());
        }
        if (failure == null && drained < 0) {
            failure = "not drained by cycle " + drainLimit + " cycles after the traffic stopped: " + model.inTransit()
                + " messages in transit, " + (cfg.buffers() - layout.out[pins.freeCount]) + " buffers allocated; " + agents();
        }
        String report = failure == null ? null : failure + " (seed " + seed + ", cycle " + cycle + "; replay: " + replay + ")";
        double mean = occupancyCycles == 0 ? 0 : (double) occupancySum / occupancyCycles;
        long strayReads = 0;
        for (ReceiverAgent r : receivers) strayReads += r.strayReads;
        long[] answers = board.answers();
        return new Result(cfg, profile, seed, cycle, calls, returns, messages, pooled, pooledWords, none, refused, resets, strayWords, strayReads,
            heldAnswers, peak, mean, drained, answers, events, (System.nanoTime() - t0) / 1e9, report, coverage, latency.slack());
    }

    /**
     * A reset in mid-traffic: two cycles with reset high. Every message in flight, queued or being
     * read is gone by design, so the model starts afresh and the agents forget their calls; the
     * unit must come back with the whole pool free (checked from the next cycle on).
     */
    private void reset(PortLayout layout, IpcPins pins) {
        layout.in[pins.reset] = 1;
        layout.step();
        layout.step();
        layout.in[pins.reset] = 0;
        model = new IpcModel(cfg);
        for (int e = 0; e < cfg.endpoints(); e++) {
            senders[e].reset();
            receivers[e].reset();
            outstanding[e] = 0;
            java.util.Arrays.fill(tagBusy[e], false);
            freedAt[e] = -1;
            presentedAt[e] = -1;
        }
        board.reset();
        latency.reset();
        monitors.forEach(StreamMonitor::reset);
        coverage.hit(IpcCoverage.RESET, "mid-traffic");
        waitedLastCycle = false;
        resets++;
    }

    private String agents() {
        StringBuilder sb = new StringBuilder();
        for (int e = 0; e < cfg.endpoints(); e++) {
            sb.append(String.format("endpoint %d: sender %s %s, receiver %s, %s, %d calls outstanding; ", e, senders[e].phase,
                senders[e].current, receivers[e].phase, board.describe(e), outstanding[e]));
        }
        return sb.toString();
    }

    private boolean idle(int[] out, IpcPins pins) {
        for (int e = 0; e < cfg.endpoints(); e++) {
            if (senders[e].hasWork() || receivers[e].phase != ReceiverAgent.Phase.IDLE || outstanding[e] > 0 || !board.idle(e)) {
                return false;
            }
        }
        return out[pins.freeCount] == cfg.buffers() && model.inTransit() == 0;
    }

    /** Chooses what endpoint e sends next: a retry, a due reply, a new call, or a send that must be refused. */
    private void next(int e, long cycle, boolean traffic) {
        SenderAgent s = senders[e];
        Message m = s.nextDue(cycle);
        if (script != null) {
            if (m == null && traffic) {
                m = script.next(e, cycle);
                if (m != null && m.kind() == MessageKind.CALL && script.replies() && model.admit(m) == SendStatus.OK) outstanding[e]++;
            }
            if (m != null) s.start(m, script.blocking(m));
            return;
        }
        int perEndpoint = Math.max(1, profile.callsInFlight() / cfg.endpoints());
        if (m == null && traffic && outstanding[e] < perEndpoint && withinCallBudget() && cycle >= nextCallAt[e]) {
            SplittableRandom cr = callRnd[e];
            nextCallAt[e] = cycle + cr.nextInt(2 * profile.callGap() + 1);
            // A call to oneself is drawn only when the profile asks for some, so other profiles keep their streams.
            boolean self = profile.selfSend() > 0 && cr.nextDouble() < profile.selfSend();
            int dst = self ? e : (e + 1 + cr.nextInt(cfg.endpoints() - 1)) % cfg.endpoints();
            if (cr.nextDouble() < profile.badSend()) {
                m = badSend(cr, e, dst);
            } else {
                m = message(cr, e, dst, MessageKind.CALL, freeTag(e));
                outstanding[e]++;
                tagBusy[e][m.tag()] = true;
                long service = profile.serviceMin() + cr.nextInt(profile.serviceMax() - profile.serviceMin() + 1);
                replyPlan[e][m.tag()] = service << 32 | length(cr);
            }
        }
        if (m != null) s.start(m, rnd.nextDouble() >= profile.failFast());
    }

    /**
     * Under ON_RETURN every call in flight may hold a buffer until its reply arrives, and a pooled
     * reply needs one more: with as many calls in flight as buffers nothing can reply (the user's
     * obligation, docs/integration.md), so the traffic keeps at most buffers - 1 calls in flight.
     */
    private boolean withinCallBudget() {
        if (cfg.releasePolicy() != ReleasePolicy.ON_RETURN) return true;
        int total = 0;
        for (int o : outstanding) total += o;
        return total < cfg.buffers() - 1;
    }

    private Message badSend(SplittableRandom cr, int e, int dst) {
        if (cfg.endpoints() < 16 && cr.nextBoolean()) {
            return new Message(e, cfg.endpoints() + cr.nextInt(16 - cfg.endpoints()), MessageKind.CALL, 0, 0, 0, 0, new int[0]);
        }
        int length = cfg.maxArgBytes() + 1 + cr.nextInt(64);
        return new Message(e, dst, MessageKind.CALL, 0, 0, 0, length, new int[Message.words(length)]);
    }

    private int freeTag(int e) {
        while (tagBusy[e][nextTag[e]]) nextTag[e] = (nextTag[e] + 1) & 0xff;
        int t = nextTag[e];
        nextTag[e] = (t + 1) & 0xff;
        return t;
    }

    private Message message(SplittableRandom r, int src, int dst, MessageKind kind, int tag) {
        return message(r, src, dst, kind, tag, length(r));
    }

    private int length(SplittableRandom r) {
        int max = Math.min(profile.maxLength(), cfg.maxArgBytes());
        int min = Math.min(profile.minLength(), max);
        return min + r.nextInt(max - min + 1);
    }

    /** A message with random opcode, argc and argument words. */
    public static Message message(SplittableRandom rnd, int src, int dst, MessageKind kind, int tag, int length) {
        int[] args = new int[Message.words(length)];
        for (int k = 0; k < args.length; k++) args[k] = rnd.nextInt();
        return new Message(src, dst, kind, rnd.nextInt(256), tag, rnd.nextInt(256), length, args);
    }

    private void observe(int[] in, int[] out, IpcPins pins, long cycle) {
        for (StreamMonitor m : monitors) {
            String broken = m.check(in, 0, out, 0, false);
            if (broken != null) fail(broken);
        }
        sampleCycle(in, out, pins);
        // A NONE answered now was decided last cycle, against last cycle's free buffers (what
        // freeCount shows now: it follows the flags one cycle late) minus those granted to other
        // ports in that decision (their allocated events are now).
        int grantedNow = 0;
        for (IpcPins.Endpoint p : pins.ep) grantedNow += out[p.allocValid] + out[p.claimedValid];
        // A SCAN walk answers NONE when every flag it swapped was 0 as it passed, though one behind
        // it may have been freed since: its walk is judged at the ControlArea (lockstep, proofs).
        noneAllowed = out[pins.freeCount] - grantedNow <= 0 || waitedLastCycle || cfg.allocPolicy() == AllocPolicy.SCAN;
        check(() -> board.checkState(out, model));
        // Every free of the cycle before every grant, as the FlagBank swaps them: a SCAN walk can
        // be granted a buffer in the cycle its free is decided, so both events show together.
        for (int e = 0; e < cfg.endpoints() && failure == null; e++) {
            IpcPins.Endpoint p = pins.ep[e];
            if (out[p.freedValid] != 0) {
                freedAt[e] = cycle;
                if (events != null) events.add(new Event(cycle, e, Event.Kind.FREED, null, null));
                final int ep = e;
                check(() -> model.freed(ep, out[p.freedIndex]));
            }
        }
        if (failure == null) check(() -> board.observeReleases(out, model));
        for (int e = 0; e < cfg.endpoints() && failure == null; e++) {
            observeSender(e, in, out, pins.ep[e], cycle);
        }
        if (failure == null) check(() -> board.observeClaims(out, model, waitedLastCycle));
        if (failure == null) check(() -> board.observeCommands(in, out, model, noneAllowed, events, cycle));
        waitedLastCycle = out[pins.waiting] != 0;
        for (int e = 0; e < cfg.endpoints() && failure == null; e++) {
            IpcPins.Endpoint p = pins.ep[e];
            if (out[p.recvValid] != 0 && presentedAt[e] < 0) {
                presentedAt[e] = cycle;
                String late = latency.presented(e, cycle);
                if (late != null) fail(late);
            }
            if (out[p.recvValid] == 0) presentedAt[e] = -1;
            observeReceiver(e, in, out, p, cycle);
        }
        if (failure == null) {
            String late = latency.overdue(cycle);
            if (late != null) fail(late);
        }
        // From the second cycle of initDone: freeCount follows the flags one cycle late, so in the
        // first it misses the walk's last flag (without zeroize nothing else delays initDone).
        if (failure == null && out[pins.initDone] != 0 && initDoneBefore) checkInvariants(in, out, pins);
        initDoneBefore = out[pins.initDone] != 0;
    }

    /** The coverage of one cycle: same-cycle allocations and frees, a sender held by a full queue, senders waiting for a buffer. */
    private void sampleCycle(int[] in, int[] out, IpcPins pins) {
        poolEmpty = out[pins.freeCount] == 0;
        boolean[] allocated = new boolean[cfg.endpoints()];
        boolean[] freed = new boolean[cfg.endpoints()];
        for (int e = 0; e < cfg.endpoints(); e++) {
            IpcPins.Endpoint p = pins.ep[e];
            allocated[e] = out[p.allocValid] != 0 || out[p.claimedValid] != 0;
            freed[e] = out[p.freedValid] != 0 || out[p.releasedValid] != 0;
            Message m = senders[e].current;
            boolean held = in[p.sendValid] != 0 && out[p.sendReady] == 0 && m != null && m.dst() < cfg.endpoints();
            if (held && out[pins.ep[m.dst()].count] == cfg.queueDepth() + 1) coverage.hit(IpcCoverage.QUEUE, "full, a sender held by it");
        }
        IpcCoverage.contention(coverage, allocated, freed);
        if (out[pins.waiting] != 0) coverage.hit(IpcCoverage.QUEUE, "a sender waits for a buffer");
    }

    private void observeSender(int e, int[] in, int[] out, IpcPins.Endpoint p, long cycle) {
        SenderAgent s = senders[e];
        if (s.offeredOutside) {
            if (out[p.dataReady] != 0) {
                fail("endpoint " + e + ": the unit took a stray data word offered outside any message");
                return;
            }
            strayWords++;
        }
        boolean answered = s.phase == SenderAgent.Phase.ANSWER && out[p.rspValid] != 0 && in[p.rspReady] != 0;
        if (s.phase == SenderAgent.Phase.ANSWER && out[p.rspValid] != 0 && !s.answerSeen) {
            // Judged when the answer appears (it may be taken later): was a NONE possible then?
            s.answerSeen = true;
            s.noneLegal = noneAllowed;
        }
        if (s.phase == SenderAgent.Phase.ANSWER && out[p.rspValid] != 0 && in[p.rspReady] == 0) {
            heldAnswers++;
            coverage.hit(IpcCoverage.HELD, "send answer");
        }
        if (out[p.allocValid] != 0) {
            // The flag reads 0 from this cycle on, whenever the sender takes the answer.
            Message m = s.current;
            if (s.phase != SenderAgent.Phase.ANSWER || m == null || s.granted >= 0 || model.admit(m) != SendStatus.OK || model.inline(m)) {
                fail("endpoint " + e + ": buffer " + out[p.allocIndex] + " allocated without a pooled send waiting for it");
                return;
            }
            s.granted = out[p.allocIndex];
            if (!check(() -> model.granted(m, out[p.allocIndex]))) return;
        }
        if (out[p.postedValid] != 0 && !check(() -> model.posted(out[p.postedIndex]))) return;
        Message sending = s.current;
        if (s.observeData(in, out)) {
            if (events != null) events.add(new Event(cycle, e, Event.Kind.SENT, sending, null));
            latency.sent(sending, cycle, model.inTransitTo(sending.dst()));
            return;
        }
        if (!answered) return;
        Message m = s.current;
        SendStatus got = SendStatus.ofCode(out[p.rspStatus]);
        if (events != null) events.add(new Event(cycle, e, Event.Kind.ANSWER, m, got));
        IpcCoverage.send(coverage, m, got, poolEmpty);
        SendStatus allowed = model.admit(m);
        if (allowed != SendStatus.OK) {
            if (got != allowed) fail("endpoint " + e + ": send answered " + got + ", expected " + allowed + ": " + m);
            refused++;
            s.refused();
            return;
        }
        if (got != SendStatus.OK && s.granted >= 0) {
            fail("endpoint " + e + ": answered " + got + " after buffer " + s.granted + " was allocated for " + m);
            return;
        }
        if (got == SendStatus.NONE) {
            if (s.blocking) fail("endpoint " + e + ": a blocking send was answered NONE: " + m);
            else if (model.inline(m)) fail("endpoint " + e + ": an inline send was answered NONE: " + m);
            else if (!s.noneLegal) fail("endpoint " + e + ": answered NONE although a buffer was free and nobody waited: " + m);
            none++;
            s.refused();
            s.retries.add(m);
            s.backoffUntil = cycle + 1 + rnd.nextInt(16);
            return;
        }
        if (got != SendStatus.OK) {
            fail("endpoint " + e + ": send answered " + got + ", expected OK: " + m);
            return;
        }
        boolean isPooled = !model.inline(m);
        if ((out[p.rspPooled] != 0) != isPooled) {
            fail("endpoint " + e + ": answer says pooled=" + out[p.rspPooled] + " for a " + m.length() + "-byte message");
            return;
        }
        if (isPooled && s.granted != out[p.rspIndex]) {
            fail("endpoint " + e + ": OK with buffer " + out[p.rspIndex] + ", but the allocated event said " + s.granted);
            return;
        }
        if (!isPooled && !check(() -> model.granted(m, -1))) return;
        messages++;
        if (isPooled) {
            pooled++;
            pooledWords += WireFormat.HEADER_WORDS + Message.words(m.length());
        }
        if (s.accepted()) {
            if (events != null) events.add(new Event(cycle, e, Event.Kind.SENT, m, null));
            latency.sent(m, cycle, model.inTransitTo(m.dst()));
        }
    }

    private void observeReceiver(int e, int[] in, int[] out, IpcPins.Endpoint p, long cycle) {
        ReceiverAgent r = receivers[e];
        if (script != null && script.paused(e, cycle) && r.phase == ReceiverAgent.Phase.IDLE) return;
        if (r.observePresented(out, cycle, rnd.nextDouble() < profile.receiverStall() ? rnd.nextInt(32) : 0)) {
            if (out[p.notEmpty] == 0) fail("endpoint " + e + ": a message is presented but notEmpty is 0");
            boolean pooledMsg = r.length() > cfg.inlineBytes();
            if (pooledMsg && cfg.releasePolicy() == ReleasePolicy.EARLY && freedAt[e] != presentedAt[e] - FREE_TO_PRESENT) {
                fail("endpoint " + e + ": EARLY: the buffer was freed at cycle " + freedAt[e] + ", not " + FREE_TO_PRESENT
                    + " cycles before the message was presented at " + presentedAt[e]);
            }
        }
        r.observeReads(in, out);
        if (r.leak != null) {
            fail(r.leak);
            return;
        }
        Message got = r.observeRelease(in, out);
        if (got == null) return;
        Message[] expected = new Message[1];
        if (!check(() -> expected[0] = model.delivered(e, got.src()))) return;
        if (!expected[0].sameContent(got)) {
            fail("endpoint " + e + ": received " + got + ", expected " + expected[0]);
            return;
        }
        if (events != null) events.add(new Event(cycle, e, Event.Kind.DELIVERED, got, null));
        IpcCoverage.delivered(coverage, cfg, got, e);
        if (got.kind() == MessageKind.CALL && (script == null || script.replies())) {
            calls++;
            long service;
            int length;
            if (script == null) {
                long plan = replyPlan[got.src()][got.tag()];
                service = plan >>> 32;
                length = (int) plan;
            } else {
                service = profile.serviceMin() + rnd.nextInt(profile.serviceMax() - profile.serviceMin() + 1);
                length = length(rnd);
            }
            senders[e].replyAt(cycle + service, message(rnd, e, got.src(), MessageKind.RETURN, got.tag(), length));
        } else if (got.kind() == MessageKind.RETURN) {
            returns++;
            if (outstanding[e] > 0) outstanding[e]--;
            tagBusy[e][got.tag()] = false;
        }
    }

    private void checkInvariants(int[] in, int[] out, IpcPins pins) {
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

    private boolean check(Runnable r) {
        try {
            r.run();
            return true;
        } catch (IllegalStateException ex) {
            fail(ex.getMessage());
            return false;
        }
    }

    private void fail(String why) {
        if (failure == null) failure = why;
    }
}
