package swapipc.sim;

import swapipc.model.AccessStatus;
import swapipc.model.BufferOp;
import swapipc.model.Config;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One endpoint's BufferPort driver: claims up to {@link #MAX_CLAIMS} buffers, reads, writes and
 * frees them, and (a share {@code bad} of its commands) aims at buffers it does not own, at
 * references that are not buffer starts and at words past a buffer's end. It knows only its own
 * handshakes (which buffers its CLAIMs got and its FREEs gave back); the answers are judged by
 * {@link BufferPortScoreboard} from what {@link BufferPortMonitor} saw.
 */
final class BufferAgent {
    static final int MAX_CLAIMS = 2;

    enum Phase { IDLE, OFFER, ANSWER }

    /** A command as offered on the port ({@code ref} unsigned). */
    public record Command(BufferOp op, long ref, int offset, int data) {}

    private final Config cfg;
    private final IpcPins.Endpoint pins;
    Phase phase = Phase.IDLE;
    private BufferOp op;
    private long ref;
    private int offset;
    private int data;
    /** Buffers this endpoint's CLAIMs were answered with and its FREEs have not given back, in claim order. */
    final List<Integer> mine = new ArrayList<>();

    BufferAgent(Config cfg, IpcPins.Endpoint pins) {
        this.cfg = cfg;
        this.pins = pins;
    }

    void reset() {
        phase = Phase.IDLE;
        mine.clear();
    }

    boolean idle() {
        return phase == Phase.IDLE && mine.isEmpty();
    }

    @Override
    public String toString() {
        return "BufferPort " + phase + " " + mine.size() + " claimed";
    }

    /**
     * Chooses a command when idle (during traffic with probability {@code rate}; afterwards it
     * frees what it holds) and drives the pins; {@code stall} leaves an answer waiting this cycle.
     */
    void drive(int[] in, SplittableRandom rnd, double rate, double bad, boolean traffic, boolean stall) {
        if (phase == Phase.IDLE) {
            if (traffic && rate > 0 && rnd.nextDouble() < rate) choose(rnd, rnd.nextDouble() < bad);
            else if (!traffic && !mine.isEmpty()) start(BufferOp.FREE, cfg.ref(mine.get(0)), 0, 0);
        }
        in[pins.bufValid] = phase == Phase.OFFER ? 1 : 0;
        in[pins.bufOp] = op == null ? 0 : op.code();
        in[pins.bufRef] = (int) ref;
        in[pins.bufOffset] = offset;
        in[pins.bufData] = data;
        in[pins.bufRspReady] = phase == Phase.ANSWER && !stall ? 1 : 0;
    }

    private void choose(SplittableRandom rnd, boolean bad) {
        int words = cfg.bufferWords();
        if (!bad) {
            if (mine.size() < MAX_CLAIMS && (mine.isEmpty() || rnd.nextInt(4) == 0)) {
                start(BufferOp.CLAIM, 0, 0, 0);
                return;
            }
            int roll = rnd.nextInt(10);
            BufferOp o = roll < 4 ? BufferOp.READ : roll < 8 ? BufferOp.WRITE : BufferOp.FREE;
            start(o, cfg.ref(mine.get(rnd.nextInt(mine.size()))), rnd.nextInt(words), rnd.nextInt());
            return;
        }
        BufferOp o = BufferOp.values()[1 + rnd.nextInt(3)];
        switch (rnd.nextInt(4)) {
            // Any buffer: mostly someone else's or free (FOREIGN, DOUBLE_FREE), now and then its own.
            case 0, 1 -> start(o, cfg.ref(rnd.nextInt(cfg.buffers())), rnd.nextInt(words), rnd.nextInt());
            // Not a buffer start: inside a buffer, past the pool, or below its base.
            case 2 -> {
                long r = switch (rnd.nextInt(3)) {
                    case 0 -> cfg.ref(rnd.nextInt(cfg.buffers())) + 4L * (1 + rnd.nextInt(words - 1));
                    case 1 -> cfg.ref(cfg.buffers() - 1) + (long) cfg.bufferBytes() * (1 + rnd.nextInt(4));
                    default -> cfg.poolBase() == 0 ? 0xffff_fff0L : rnd.nextLong(cfg.poolBase());
                };
                start(o, r, rnd.nextInt(words), rnd.nextInt());
            }
            // Its own buffer (or any, if it holds none), a word past the end.
            default -> {
                long r = mine.isEmpty() ? cfg.ref(rnd.nextInt(cfg.buffers())) : cfg.ref(mine.get(rnd.nextInt(mine.size())));
                start(rnd.nextBoolean() ? BufferOp.READ : BufferOp.WRITE, r, words + rnd.nextInt(0x10000 - words), rnd.nextInt());
            }
        }
    }

    void start(Command c) {
        start(c.op(), c.ref(), c.offset(), c.data());
    }

    private void start(BufferOp o, long r, int off, int d) {
        op = o;
        ref = r & 0xffff_ffffL;
        offset = off;
        data = d;
        phase = Phase.OFFER;
    }

    /** Its own handshakes of a cycle: the command taken, the answer taken (what a CLAIM got, what a FREE gave back). */
    void observe(int[] in, int[] out) {
        if (phase == Phase.OFFER && out[pins.bufReady] != 0) {
            phase = Phase.ANSWER;
        } else if (phase == Phase.ANSWER && out[pins.bufRspValid] != 0 && in[pins.bufRspReady] != 0) {
            phase = Phase.IDLE;
            if (AccessStatus.ofCode(out[pins.bufRspStatus]) != AccessStatus.OK) return;
            if (op == BufferOp.CLAIM) mine.add(cfg.indexOf(out[pins.bufRspRef] & 0xffff_ffffL));
            if (op == BufferOp.FREE) mine.remove(Integer.valueOf(cfg.indexOf(ref)));
        }
    }
}
