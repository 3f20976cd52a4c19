package swapipc.sim;

import swapipc.model.Config;
import swapipc.model.IpcModel;
import swapipc.model.Message;
import swapipc.sim.coverage.FunctionalCoverage;
import swapipc.sim.coverage.IpcCoverage;

import java.util.List;

/**
 * Everything that judges an IpcUnit, and nothing that drives one: the passive monitors of every
 * endpoint ({@link SendMonitor}, {@link RecvMonitor}, {@link StreamMonitor} on the answer
 * streams; the BufferPorts' inside {@link BufferPortScoreboard}) and the scoreboards they feed
 * ({@link IpcScoreboard}, {@link BufferPortScoreboard}), stepped once per cycle from the pins.
 * The same checks run on a bare IpcUnit ({@link IpcHarness}) and on a bus top through its taps
 * (the bus benches), so what a bus master or firmware makes the unit do is judged as the native
 * bench's traffic is. The first violation is kept in {@link #failure}.
 */
public final class IpcChecks {
    private final Config cfg;
    private final IpcPins pins;
    private final FunctionalCoverage coverage;
    private final DeliveryLatency latency;
    private final List<StreamMonitor> streams;
    private final SendMonitor[] sendMonitors;
    private final RecvMonitor[] recvMonitors;
    final IpcScoreboard score;
    final BufferPortScoreboard board;
    private final List<IpcHarness.Event> events;
    /** This cycle's allocations and frees per endpoint (coverage of same-cycle contention). */
    private final boolean[] allocatedNow, freedNow;
    /** Per endpoint: the message its receiver released this cycle and the scoreboard accepted, or null. */
    private final Message[] delivered;
    /** initDone was high in the cycle before (the state checks start a cycle after it rises). */
    private boolean initDoneBefore;

    /** {@code events}: where a scripted run's answers and deliveries are recorded, or null. */
    public IpcChecks(Config cfg, IpcPins pins, FunctionalCoverage coverage, List<IpcHarness.Event> events) {
        this.cfg = cfg;
        this.pins = pins;
        this.coverage = coverage;
        this.events = events;
        this.latency = new DeliveryLatency(cfg);
        this.score = new IpcScoreboard(cfg, coverage, events, latency);
        this.board = new BufferPortScoreboard(cfg, pins, coverage);
        this.streams = StreamMonitor.of(pins);
        int e = cfg.endpoints();
        this.sendMonitors = new SendMonitor[e];
        this.recvMonitors = new RecvMonitor[e];
        for (int k = 0; k < e; k++) {
            sendMonitors[k] = new SendMonitor(k, pins.ep[k], score);
            recvMonitors[k] = new RecvMonitor(k, pins.ep[k]);
        }
        this.allocatedNow = new boolean[e];
        this.freedNow = new boolean[e];
        this.delivered = new Message[e];
    }

    /** The first violation seen, or null. */
    public String failure() { return score.failure(); }

    void fail(String why) { score.fail(why); }

    IpcModel model() { return score.model(); }

    DeliveryLatency latency() { return latency; }

    /** The message endpoint e's receiver released in the last observed cycle (accepted by the scoreboard), or null. */
    Message delivered(int e) { return delivered[e]; }

    /** Messages accepted by the unit so far (inline and pooled). */
    public long messages() { return score.messages; }

    /** The unit was reset: every message in flight is gone by design, so the model and the monitors start afresh. */
    public void reset() {
        score.reset();
        for (int e = 0; e < cfg.endpoints(); e++) {
            sendMonitors[e].reset();
            recvMonitors[e].reset();
        }
        board.reset();
        latency.reset();
        streams.forEach(StreamMonitor::reset);
    }

    /**
     * One cycle's pins, sampled after its clock edge was settled (the unit's inputs in {@code in},
     * its outputs in {@code out}). Frees are judged before grants, as the FlagBank swaps them: a
     * SCAN walk can be granted a buffer in the cycle its free is decided, so both events show together.
     */
    public void observe(int[] in, int[] out, long cycle) {
        java.util.Arrays.fill(delivered, null);
        for (StreamMonitor m : streams) {
            String broken = m.check(in, 0, out, 0, false);
            if (broken != null) fail(broken);
        }
        IpcModel model = score.model();
        score.beginCycle(out, pins);
        sampleCoverage(in, out);
        check(() -> board.checkState(out, model));
        score.observeFrees(out, pins, cycle);
        if (score.failure() == null) check(() -> board.observeReleases(out, model));
        for (int e = 0; e < cfg.endpoints() && score.failure() == null; e++) {
            String broken = sendMonitors[e].observe(in, out, cycle);
            if (broken != null) fail(broken);
            score.observePosted(out, pins.ep[e]);
        }
        if (score.failure() == null) check(() -> board.observeClaims(out, model, score.waitedLastCycle()));
        if (score.failure() == null) check(() -> board.observeCommands(in, out, model, score.noneAllowed(), events, cycle));
        score.endCycle(out, pins);
        for (int e = 0; e < cfg.endpoints() && score.failure() == null; e++) observeReceiver(e, in, out, cycle);
        if (score.failure() == null) {
            String late = latency.overdue(cycle);
            if (late != null) fail(late);
        }
        // From the second cycle of initDone: freeCount follows the flags one cycle late, so in the
        // first it misses the walk's last flag (without zeroize nothing else delays initDone).
        if (score.failure() == null && out[pins.initDone] != 0 && initDoneBefore) score.checkInvariants(in, out, pins);
        initDoneBefore = out[pins.initDone] != 0;
    }

    private void observeReceiver(int e, int[] in, int[] out, long cycle) {
        RecvMonitor.Seen seen = recvMonitors[e].observe(in, out, cycle);
        if (seen.violation() != null) {
            fail(seen.violation());
            return;
        }
        if (seen.presentedNow()) score.presented(e, out, pins.ep[e], cycle);
        Message got = seen.delivered();
        if (got != null && score.delivered(e, got, cycle)) delivered[e] = got;
    }

    /** The coverage of one cycle: same-cycle allocations and frees, a sender held by a full queue, senders waiting for a buffer. */
    private void sampleCoverage(int[] in, int[] out) {
        for (int e = 0; e < cfg.endpoints(); e++) {
            IpcPins.Endpoint p = pins.ep[e];
            allocatedNow[e] = out[p.allocValid] != 0 || out[p.claimedValid] != 0;
            freedNow[e] = out[p.freedValid] != 0 || out[p.releasedValid] != 0;
            boolean held = in[p.sendValid] != 0 && out[p.sendReady] == 0 && in[p.dst] < cfg.endpoints();
            if (held && out[pins.ep[in[p.dst]].count] == cfg.queueDepth() + 1) coverage.hit(IpcCoverage.QUEUE, "full, a sender held by it");
        }
        IpcCoverage.contention(coverage, allocatedNow, freedNow);
        if (out[pins.waiting] != 0) coverage.hit(IpcCoverage.QUEUE, "a sender waits for a buffer");
    }

    boolean check(Runnable r) {
        return score.check(r);
    }
}
