package swapipc.sim;

import swapipc.model.AccessStatus;
import swapipc.model.BufferOp;
import swapipc.model.Config;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One endpoint's BufferPort in the test bench: claims up to {@link #MAX_CLAIMS} buffers, reads,
 * writes and frees them, and (a share {@code bad} of its commands) aims at buffers it does not
 * own, at references that are not buffer starts and at words past a buffer's end. The harness
 * decides each command with the model in the cycle it is taken ({@link #taken}) and checks the
 * answer against that decision ({@link #answered}); see {@link BufferPortScoreboard}.
 */
final class BufferAgent {
    static final int MAX_CLAIMS = 2;

    enum Phase { IDLE, OFFER, ANSWER }

    /** A command as offered on the port ({@code ref} unsigned). */
    public record Command(BufferOp op, long ref, int offset, int data) {}

    private final Config cfg;
    private final IpcPins.Endpoint pins;
    Phase phase = Phase.IDLE;
    BufferOp op;
    long ref;
    int offset;
    int data;
    /** The model's decision, made in the cycle the command was taken; for READ also the word expected (null: any). */
    AccessStatus expected;
    Integer expectedData;
    /** CLAIM: the buffer its `claimed` event named (-1: none yet); whether NONE was legal when the answer first showed. */
    int claimed = -1;
    boolean answerSeen;
    /** The cycles the command was taken and its answer first showed (an answer may be taken later). */
    long takenAt;
    long answerAt;
    boolean noneLegal;
    /** Buffers this endpoint holds by the model's account, in claim order. */
    final List<Integer> mine = new ArrayList<>();
    final long[] answers = new long[AccessStatus.values().length];

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

    Command command() {
        return new Command(op, ref, offset, data);
    }

    private void start(BufferOp o, long r, int off, int d) {
        op = o;
        ref = r & 0xffff_ffffL;
        offset = off;
        data = d;
        phase = Phase.OFFER;
    }

    /** Whether the command offered this cycle was taken. */
    boolean taken(int[] out) {
        return phase == Phase.OFFER && out[pins.bufReady] != 0;
    }

    void decided(AccessStatus status, Integer word) {
        expected = status;
        expectedData = word;
        claimed = -1;
        answerSeen = false;
        phase = Phase.ANSWER;
    }

    /** Whether the answer was taken this cycle (offered, and ready driven). */
    boolean answered(int[] in, int[] out) {
        return phase == Phase.ANSWER && out[pins.bufRspValid] != 0 && in[pins.bufRspReady] != 0;
    }
}
