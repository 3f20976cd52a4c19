package swapipc.sim;

import swapipc.hdl.Generator;
import swapipc.model.AccessStatus;
import swapipc.model.Config;
import swapipc.model.IpcModel;
import swapipc.model.Message;
import swapipc.model.MessageKind;
import swapipc.model.ReleasePolicy;
import swapipc.model.SendStatus;
import swapipc.sim.bridge.PortLayout;
import swapipc.sim.bridge.RtlAssertionFailure;
import swapipc.sim.bridge.Simulation;
import swapipc.sim.bridge.VerilatedModel;
import swapipc.sim.coverage.FunctionalCoverage;
import swapipc.sim.coverage.IpcCoverage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Two-party calls on the generated IpcUnit, in parts: the sequencer here (which call, reply,
 * retry or bad send each endpoint makes next, resets in mid-traffic), drivers that hold no
 * checking state ({@link SenderAgent}, {@link ReceiverAgent}, {@link BufferAgent}), and
 * {@link IpcChecks}: passive monitors that rebuild every transaction from the pins and the
 * scoreboards that judge only what they saw against the transaction-level {@link IpcModel} (the
 * bus benches run the same checks). The first violation ends the run; the result names the seed
 * and the command to replay it.
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
    /** The monitors and scoreboards (made with the pins, when the run starts). */
    private IpcChecks checks;
    private final CallProfile profile;
    private final Script script;
    private final List<Event> events;
    private final long seed;
    private final String replay;
    private final SplittableRandom rnd;
    private final SenderAgent[] senders;
    private final ReceiverAgent[] receivers;
    private BufferAgent[] buffers;
    private final int[] outstanding;
    private final boolean[][] tagBusy;
    private final int[] nextTag;
    private final int threshold;
    private long calls, returns, resets, strayWords;
    /** Per endpoint: its own random stream for the calls it makes, so both policies see the same calls. */
    private final SplittableRandom[] callRnd;
    /** Per caller and tag: the service time and reply length drawn with the call. */
    private final long[][] replyPlan;
    private final long[] nextCallAt;

    private IpcHarness(Config cfg, CallProfile profile, Script script, long seed, String replay) {
        this.cfg = cfg;
        this.profile = profile;
        this.script = script;
        this.events = script == null ? null : new ArrayList<>();
        this.seed = seed;
        this.replay = replay;
        this.rnd = new SplittableRandom(seed);
        int e = cfg.endpoints();
        this.senders = new SenderAgent[e];
        this.receivers = new ReceiverAgent[e];
        this.outstanding = new int[e];
        this.tagBusy = new boolean[e][256];
        this.nextTag = new int[e];
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
        checks = new IpcChecks(cfg, pins, coverage, events);
        IpcScoreboard score = checks.score;
        for (int e = 0; e < cfg.endpoints(); e++) {
            senders[e] = new SenderAgent(pins.ep[e]);
            receivers[e] = new ReceiverAgent(cfg, pins.ep[e], script == null || script.probePastEnd());
            layout.in[pins.ep[e].irqThreshold] = threshold;
        }
        buffers = new BufferAgent[cfg.endpoints()];
        for (int e = 0; e < buffers.length; e++) buffers[e] = new BufferAgent(cfg, pins.ep[e]);
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
            for (; score.failure() == null && cycle < drainLimit; cycle++) {
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
                driveBuffers(layout.in, pins, traffic, cycle);
                layout.step();
                observe(layout.in, layout.out, pins, cycle);
                if (script != null) script.observe(cycle, layout.in, layout.out, pins);
            }
        } catch (RtlAssertionFailure rtl) {
            fail(rtl.getMessage());
        }
        if (score.failure() == null && drained < 0) {
            fail("not drained by cycle " + drainLimit + " cycles after the traffic stopped: " + score.model().inTransit()
                + " messages in transit, " + (cfg.buffers() - layout.out[pins.freeCount]) + " buffers allocated; " + agents());
        }
        String failure = score.failure();
        String report = failure == null ? null : failure + " (seed " + seed + ", cycle " + cycle + "; replay: " + replay + ")";
        double mean = score.occupancyCycles == 0 ? 0 : (double) score.occupancySum / score.occupancyCycles;
        long strayReads = 0;
        for (ReceiverAgent r : receivers) strayReads += r.strayReads;
        long[] answers = checks.board.answers();
        return new Result(cfg, profile, seed, cycle, calls, returns, score.messages, score.pooled, score.pooledWords, score.none, score.refused,
            resets, strayWords, strayReads, score.heldAnswers, score.peak, mean, drained, answers, events, (System.nanoTime() - t0) / 1e9, report,
            coverage, checks.latency().slack());
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
        checks.reset();
        for (int e = 0; e < cfg.endpoints(); e++) {
            senders[e].reset();
            receivers[e].reset();
            outstanding[e] = 0;
            java.util.Arrays.fill(tagBusy[e], false);
        }
        for (BufferAgent b : buffers) b.reset();
        coverage.hit(IpcCoverage.RESET, "mid-traffic");
        resets++;
    }

    private String agents() {
        StringBuilder sb = new StringBuilder();
        for (int e = 0; e < cfg.endpoints(); e++) {
            sb.append(String.format("endpoint %d: sender %s %s, receiver %s, %s, %d calls outstanding; ", e, senders[e].phase,
                senders[e].current, receivers[e].phase, buffers[e], outstanding[e]));
        }
        return sb.toString();
    }

    private boolean idle(int[] out, IpcPins pins) {
        for (int e = 0; e < cfg.endpoints(); e++) {
            if (senders[e].hasWork() || receivers[e].phase != ReceiverAgent.Phase.IDLE || outstanding[e] > 0 || !buffers[e].idle()) {
                return false;
            }
        }
        return out[pins.freeCount] == cfg.buffers() && checks.model().inTransit() == 0;
    }

    /** Chooses what endpoint e sends next: a retry, a due reply, a new call, or a send that must be refused. */
    private void next(int e, long cycle, boolean traffic) {
        SenderAgent s = senders[e];
        Message m = s.nextDue(cycle);
        if (script != null) {
            if (m == null && traffic) {
                m = script.next(e, cycle);
                if (m != null && m.kind() == MessageKind.CALL && script.replies() && checks.model().admit(m) == SendStatus.OK) outstanding[e]++;
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

    /** The checks judge the cycle first; then the drivers move on by their own handshakes. */
    private void observe(int[] in, int[] out, IpcPins pins, long cycle) {
        checks.observe(in, out, cycle);
        for (int e = 0; e < cfg.endpoints() && checks.failure() == null; e++) observeSender(e, in, out, pins.ep[e], cycle);
        for (BufferAgent b : buffers) b.observe(in, out);
        for (int e = 0; e < cfg.endpoints() && checks.failure() == null; e++) observeReceiver(e, in, out, pins.ep[e], cycle);
    }

    /** One error-status clear every this many cycles on average, so a wrongly set flag cannot hide behind a right one. */
    private static final int CLEAR_EVERY = 512;

    /** The BufferPorts' cycle: scripted or random commands, answers taken or (stall) left waiting, now and then an error clear. */
    private void driveBuffers(int[] in, IpcPins pins, boolean traffic, long cycle) {
        for (int e = 0; e < buffers.length; e++) {
            BufferAgent a = buffers[e];
            if (script != null && traffic && a.phase == BufferAgent.Phase.IDLE) {
                BufferAgent.Command c = script.buffer(e, cycle);
                if (c != null) a.start(c);
            }
            a.drive(in, rnd, profile.bufferOps(), profile.bufferBad(), traffic, rnd.nextDouble() < profile.receiverStall());
        }
        in[pins.errClear] = script == null && rnd.nextInt(CLEAR_EVERY) == 0 ? 1 : 0;
    }

    /** Endpoint e's sender moves on by its own handshake. */
    private void observeSender(int e, int[] in, int[] out, IpcPins.Endpoint p, long cycle) {
        SenderAgent s = senders[e];
        if (s.offeredOutside) strayWords++;
        // The answer is the driver's if it waited for one before this cycle (not in the cycle its command was taken).
        boolean answered = s.phase == SenderAgent.Phase.ANSWER && out[p.rspValid] != 0 && in[p.rspReady] != 0;
        s.observeData(in, out);
        if (!answered) return;
        SendStatus got = SendStatus.ofCode(out[p.rspStatus]);
        if (got == SendStatus.OK) {
            s.accepted();
        } else {
            s.refused();
            if (got == SendStatus.NONE) {
                s.retries.add(s.current);
                s.backoffUntil = cycle + 1 + rnd.nextInt(16);
            }
        }
    }

    /** Endpoint e's receiver reads and releases; for what the scoreboard accepted as delivered, replies are planned. */
    private void observeReceiver(int e, int[] in, int[] out, IpcPins.Endpoint p, long cycle) {
        ReceiverAgent r = receivers[e];
        if (!(script != null && script.paused(e, cycle) && r.phase == ReceiverAgent.Phase.IDLE)) {
            r.observePresented(out, cycle, rnd.nextDouble() < profile.receiverStall() ? rnd.nextInt(32) : 0);
            r.observeReads(in);
            r.observeRelease(in, out);
        }
        Message got = checks.delivered(e);
        if (got == null) return;
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

    private void fail(String why) {
        checks.fail(why);
    }
}
