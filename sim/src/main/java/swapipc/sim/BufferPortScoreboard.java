package swapipc.sim;

import swapipc.model.AccessStatus;
import swapipc.model.BufferOp;
import swapipc.model.Config;
import swapipc.model.ErrorKind;
import swapipc.model.IpcModel;
import swapipc.model.OwnerKind;
import swapipc.sim.coverage.FunctionalCoverage;
import swapipc.sim.coverage.IpcCoverage;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The BufferPorts' half of {@link IpcHarness}: drives a {@link BufferAgent} per endpoint and the
 * error-status clear, and checks against the model every cycle the owner table and the sticky
 * error status, every claim and release, and every answer (status, reference, data). Violations
 * are thrown as {@link IllegalStateException}, as the model throws them.
 */
final class BufferPortScoreboard {
    /** One error-status clear every this many cycles on average, so a wrongly set flag cannot hide behind a right one. */
    private static final int CLEAR_EVERY = 512;

    private final Config cfg;
    private final IpcPins pins;
    private final FunctionalCoverage coverage;
    private final BufferAgent[] agents;
    /**
     * The sticky flags and count the unit must show from the next cycle on; the refusals of the
     * cycle before, which reach the status at the end of this one (the ErrorStatus registers its
     * events first); this cycle's refusals.
     */
    private int errMask;
    private long errEvents;
    private int pendingMask;
    private long pendingEvents;
    private int cycleMask;
    private long cycleEvents;

    BufferPortScoreboard(Config cfg, IpcPins pins, FunctionalCoverage coverage) {
        this.coverage = coverage;
        this.cfg = cfg;
        this.pins = pins;
        this.agents = new BufferAgent[cfg.endpoints()];
        for (int e = 0; e < agents.length; e++) agents[e] = new BufferAgent(cfg, pins.ep[e]);
    }

    /** After a reset: no claims, no commands, the error status clear. */
    void reset() {
        for (BufferAgent a : agents) a.reset();
        errMask = 0;
        errEvents = 0;
        pendingMask = 0;
        pendingEvents = 0;
    }

    boolean idle(int e) {
        return agents[e].idle();
    }

    /** BufferPort answers by kind, over all endpoints. */
    long[] answers() {
        long[] sum = new long[AccessStatus.values().length];
        for (BufferAgent a : agents) for (int k = 0; k < sum.length; k++) sum[k] += a.answers[k];
        return sum;
    }

    String describe(int e) {
        return "BufferPort " + agents[e].phase + " " + agents[e].mine.size() + " claimed";
    }

    /** Drives one cycle: scripted or random commands, answers taken or (stall) left waiting, now and then an error clear. */
    void drive(int[] in, SplittableRandom rnd, CallProfile profile, IpcHarness.Script script, boolean traffic, long cycle) {
        for (int e = 0; e < agents.length; e++) {
            BufferAgent a = agents[e];
            if (script != null && traffic && a.phase == BufferAgent.Phase.IDLE) {
                BufferAgent.Command c = script.buffer(e, cycle);
                if (c != null) a.start(c);
            }
            a.drive(in, rnd, profile.bufferOps(), profile.bufferBad(), traffic, rnd.nextDouble() < profile.receiverStall());
        }
        in[pins.errClear] = script == null && rnd.nextInt(CLEAR_EVERY) == 0 ? 1 : 0;
    }

    /** The owner table and the error status, as the events and commands of the cycles before this one left them. */
    void checkState(int[] out, IpcModel model) {
        int width = OwnerKind.BITS + cfg.endpointBits();
        for (int i = 0; i < cfg.buffers(); i++) {
            int rtl = bits(out, pins.owners, i * width, width);
            if (rtl != model.owners().code(i)) {
                throw new IllegalStateException(String.format("owner of buffer %d: RTL %s of endpoint %d, model %s of endpoint %d", i,
                    OwnerKind.ofCode(rtl & ((1 << OwnerKind.BITS) - 1)), rtl >>> OwnerKind.BITS, model.owners().kind(i),
                    model.owners().endpoint(i)));
            }
        }
        long count = Math.min(errEvents, ErrorKind.COUNT_MAX);
        if (out[pins.errFlags] != errMask || out[pins.errCount] != count) {
            throw new IllegalStateException("error status: RTL flags " + Integer.toBinaryString(out[pins.errFlags]) + " count "
                + out[pins.errCount] + ", expected flags " + Integer.toBinaryString(errMask) + " count " + count);
        }
    }

    /** Every endpoint's releases (BufferPort FREEs answered) of this cycle, before any grant or claim. */
    void observeReleases(int[] out, IpcModel model) {
        for (int e = 0; e < agents.length; e++) {
            BufferAgent a = agents[e];
            IpcPins.Endpoint p = pins.ep[e];
            if (out[p.releasedValid] != 0) {
                int index = out[p.releasedIndex];
                if (a.phase != BufferAgent.Phase.ANSWER || a.op != BufferOp.FREE || cfg.indexOf(a.ref) != index) {
                    throw new IllegalStateException("endpoint " + e + ": buffer " + index + " released without a FREE of it");
                }
                model.released(e, index);
                a.mine.remove(Integer.valueOf(index));
            }
        }
    }

    /**
     * Every endpoint's claims of this cycle, after the releases and before any command is decided:
     * a command taken now sees all of this cycle's flags. {@code waitedBefore}: senders waited for
     * a buffer last cycle, when a claim answered now was decided, so it must not have been granted.
     */
    void observeClaims(int[] out, IpcModel model, boolean waitedBefore) {
        for (int e = 0; e < agents.length; e++) {
            BufferAgent a = agents[e];
            IpcPins.Endpoint p = pins.ep[e];
            if (out[p.claimedValid] != 0) {
                int index = out[p.claimedIndex];
                if (a.phase != BufferAgent.Phase.ANSWER || a.op != BufferOp.CLAIM || a.claimed >= 0) {
                    throw new IllegalStateException("endpoint " + e + ": buffer " + index + " claimed without a CLAIM waiting for it");
                }
                if (waitedBefore) throw new IllegalStateException("endpoint " + e + ": claimed buffer " + index + " ahead of a waiting sender");
                model.claimed(e, index);
                a.claimed = index;
                a.mine.add(index);
            }
        }
    }

    /**
     * Answers and new commands of this cycle. An answer must be the decision the model made when
     * its command was taken (a CLAIM's NONE only if {@code noneAllowed} when it first showed); a
     * command taken now is decided now. Then the error status the unit must show next cycle: the
     * refusals of the cycle before, after this cycle's clear.
     */
    void observeCommands(int[] in, int[] out, IpcModel model, boolean noneAllowed, List<IpcHarness.Event> events, long cycle) {
        cycleMask = 0;
        cycleEvents = 0;
        for (int e = 0; e < agents.length; e++) {
            BufferAgent a = agents[e];
            IpcPins.Endpoint p = pins.ep[e];
            if (a.phase == BufferAgent.Phase.ANSWER && out[p.bufRspValid] != 0 && !a.answerSeen) {
                a.answerSeen = true;
                a.answerAt = cycle;
                a.noneLegal = noneAllowed;
            }
            if (a.answered(in, out)) answer(e, a, out, p, events, cycle);
            if (a.taken(out)) {
                a.takenAt = cycle;
                decide(e, a, model);
            }
        }
        if (in[pins.errClear] != 0) {
            errMask = pendingMask;
            errEvents = pendingEvents;
        } else {
            errMask |= pendingMask;
            errEvents += pendingEvents;
        }
        pendingMask = cycleMask;
        pendingEvents = cycleEvents;
    }

    private void answer(int e, BufferAgent a, int[] out, IpcPins.Endpoint p, List<IpcHarness.Event> events, long cycle) {
        AccessStatus got = AccessStatus.ofCode(out[p.bufRspStatus]);
        int data = out[p.bufRspData];
        String what = "endpoint " + e + ": BufferPort " + a.op + String.format(" 0x%08x", a.ref) + " word " + a.offset;
        if (a.op == BufferOp.CLAIM) {
            if (got == AccessStatus.OK && (a.claimed < 0 || (out[p.bufRspRef] & 0xffff_ffffL) != cfg.ref(a.claimed))) {
                throw new IllegalStateException(what + ": OK with reference " + Integer.toHexString(out[p.bufRspRef])
                    + " but claimed buffer " + a.claimed);
            }
            if (got == AccessStatus.NONE && (a.claimed >= 0 || !a.noneLegal)) {
                throw new IllegalStateException(what + ": NONE although " + (a.claimed >= 0 ? "buffer " + a.claimed + " was claimed"
                    : "a buffer was free and nobody waited"));
            }
            if (got != AccessStatus.OK && got != AccessStatus.NONE) throw new IllegalStateException(what + ": answered " + got);
        } else if (got != a.expected) {
            throw new IllegalStateException(what + ": answered " + got + ", expected " + a.expected);
        } else if (a.op == BufferOp.FREE && got == AccessStatus.OK && a.mine.contains(cfg.indexOf(a.ref))) {
            throw new IllegalStateException(what + ": answered OK before the buffer was released");
        }
        boolean carriesData = a.op == BufferOp.READ && got == AccessStatus.OK;
        if (carriesData && a.expectedData != null && data != a.expectedData) {
            throw new IllegalStateException(what + ": read " + Integer.toHexString(data) + ", expected " + Integer.toHexString(a.expectedData)
                + (a.expectedData == 0 ? " (never written since the claim: a leak of an earlier owner's data)" : ""));
        }
        if (!carriesData && data != 0) throw new IllegalStateException(what + ": " + got + " answer carries data " + Integer.toHexString(data));
        a.answers[got.ordinal()]++;
        IpcCoverage.buffer(coverage, a.op, got, out[pins.freeCount] == 0);
        if (a.answerAt < cycle) coverage.hit(IpcCoverage.HELD, "BufferPort answer");
        if (events != null) events.add(new IpcHarness.Event(cycle, e, IpcHarness.Event.Kind.BUFFER, null, null, a.command(), got, data, a.answerAt - a.takenAt));
        a.phase = BufferAgent.Phase.IDLE;
    }

    private void decide(int e, BufferAgent a, IpcModel model) {
        if (a.op == BufferOp.CLAIM) {
            a.decided(null, null);
            return;
        }
        int index = cfg.indexOf(a.ref);
        AccessStatus s = model.owners().decide(e, a.op, a.ref, a.offset, index >= 0 && model.flag(index) == 1);
        Integer word = null;
        if (s == AccessStatus.OK && a.op == BufferOp.READ) word = model.owners().read(index, a.offset);
        if (s == AccessStatus.OK && a.op == BufferOp.WRITE) model.owners().write(index, a.offset, a.data);
        if (s.error() != null) {
            cycleMask |= s.error().mask();
            cycleEvents++;
        }
        a.decided(s, word);
    }

    /** {@code width} bits of a multi-word output starting at bit {@code lsb}. */
    private static int bits(int[] out, int at, int lsb, int width) {
        long pair = (out[at + lsb / 32] & 0xffff_ffffL) | (lsb / 32 + 1 < out.length - at ? (long) out[at + lsb / 32 + 1] << 32 : 0);
        return (int) ((pair >>> (lsb % 32)) & ((1L << width) - 1));
    }
}
