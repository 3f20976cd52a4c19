package swapipc.sim;

import swapipc.model.AccessStatus;
import swapipc.model.BufferOp;
import swapipc.model.Config;
import swapipc.model.ErrorKind;
import swapipc.model.IpcModel;
import swapipc.model.OwnerKind;
import swapipc.sim.coverage.FunctionalCoverage;
import swapipc.sim.coverage.IpcCoverage;

import java.util.ArrayList;
import java.util.List;

/**
 * The BufferPorts' half of {@link IpcHarness}'s judgment, fed only by a {@link BufferPortMonitor}
 * per endpoint and the unit's outputs: checks against the model every cycle the owner table and
 * the sticky error status, every claim and release, and every answer (status, reference, data)
 * against the decision the model made in the cycle its command was taken. A TAKE of a valid
 * reference is decided by its swap, in a cycle the pins do not show: OK must come with a `claimed`
 * event of that buffer while the model has it free; NONE only if, while the TAKE was pending, the
 * model showed the flag 0 or senders waited for a buffer. Violations are thrown as
 * {@link IllegalStateException}, as the model throws them.
 */
final class BufferPortScoreboard {
    /** A command taken and not yet answered, as the monitor saw it, with the model's decision. */
    private static final class Pending {
        final BufferAgent.Command command;
        final long takenAt;
        /** The model's decision (null for a CLAIM, and a TAKE of a valid reference: the unit decides); for READ also the word expected (null: any). */
        AccessStatus expected;
        Integer expectedData;
        /** CLAIM, TAKE: the buffer its `claimed` event named (-1: none yet). */
        int claimed = -1;
        /** TAKE: whether, in some cycle while it was pending, its flag read 0 or senders waited (a NONE was possible). */
        boolean takeMayFail;
        /** The cycle the answer first showed, and whether a NONE was legal then. */
        long answerAt = -1;
        boolean noneLegal;

        Pending(BufferAgent.Command command, long takenAt) {
            this.command = command;
            this.takenAt = takenAt;
        }
    }

    private final Config cfg;
    private final IpcPins pins;
    private final FunctionalCoverage coverage;
    private final BufferPortMonitor[] monitors;
    private final Pending[] pending;
    /** Buffers each endpoint holds by the model's account (claimed and not released). */
    private final List<List<Integer>> held = new ArrayList<>();
    private final long[] answers = new long[AccessStatus.values().length];
    /**
     * The sticky flags and count the unit must show from the next cycle on; the refusals of two
     * cycles before, which reach the status at the end of this one (the BufferPort registers its
     * refusals, the ErrorStatus its events); those of the cycle before; this cycle's refusals.
     */
    private int errMask;
    private long errEvents;
    private int pendingMask;
    private long pendingEvents;
    private int portMask;
    private long portEvents;
    private int cycleMask;
    private long cycleEvents;

    BufferPortScoreboard(Config cfg, IpcPins pins, FunctionalCoverage coverage) {
        this.coverage = coverage;
        this.cfg = cfg;
        this.pins = pins;
        this.monitors = new BufferPortMonitor[cfg.endpoints()];
        this.pending = new Pending[cfg.endpoints()];
        for (int e = 0; e < monitors.length; e++) {
            monitors[e] = new BufferPortMonitor(pins.ep[e]);
            held.add(new ArrayList<>());
        }
    }

    /** After a reset: no claims, no commands, the error status clear. */
    void reset() {
        for (int e = 0; e < monitors.length; e++) {
            monitors[e].reset();
            pending[e] = null;
            held.get(e).clear();
        }
        errMask = 0;
        errEvents = 0;
        pendingMask = 0;
        pendingEvents = 0;
        portMask = 0;
        portEvents = 0;
    }

    /** BufferPort answers by kind, over all endpoints. */
    long[] answers() {
        return answers.clone();
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
        for (int e = 0; e < monitors.length; e++) {
            int index = monitors[e].released(out);
            if (index < 0) continue;
            Pending a = pending[e];
            if (a == null || a.command.op() != BufferOp.FREE || cfg.indexOf(a.command.ref()) != index) {
                throw new IllegalStateException("endpoint " + e + ": buffer " + index + " released without a FREE of it");
            }
            model.released(e, index);
            held.get(e).remove(Integer.valueOf(index));
        }
    }

    /**
     * Every endpoint's claims of this cycle, after the releases and before any command is decided:
     * a command taken now sees all of this cycle's flags. {@code waitedBefore}: senders waited for
     * a buffer last cycle, when a claim answered now was decided, so it must not have been granted.
     */
    void observeClaims(int[] out, IpcModel model, boolean waitedBefore) {
        for (int e = 0; e < monitors.length; e++) {
            int index = monitors[e].claimed(out);
            if (index < 0) continue;
            Pending a = pending[e];
            boolean took = a != null && a.command.op() == BufferOp.TAKE && a.expected == null && cfg.indexOf(a.command.ref()) == index;
            if (a == null || !(a.command.op() == BufferOp.CLAIM || took) || a.claimed >= 0) {
                throw new IllegalStateException("endpoint " + e + ": buffer " + index + " claimed without a CLAIM or TAKE of it waiting");
            }
            // A CLAIM was decided in the cycle before; a TAKE's swap cycle is not on the pins (see the class comment).
            if (waitedBefore && !took) throw new IllegalStateException("endpoint " + e + ": claimed buffer " + index + " ahead of a waiting sender");
            model.claimed(e, index);
            a.claimed = index;
            held.get(e).add(index);
        }
    }

    /**
     * Answers and new commands of this cycle. An answer must be the decision the model made when
     * its command was taken (a CLAIM's NONE only if {@code noneAllowed} when it first showed); a
     * command taken now is decided now. Then the error status the unit must show next cycle: the
     * refusals of two cycles before, after this cycle's clear.
     */
    void observeCommands(int[] in, int[] out, IpcModel model, boolean noneAllowed, List<IpcHarness.Event> events, long cycle) {
        cycleMask = 0;
        cycleEvents = 0;
        for (int e = 0; e < monitors.length; e++) {
            BufferPortMonitor m = monitors[e];
            Pending t = pending[e];
            if (t != null && t.command.op() == BufferOp.TAKE && t.expected == null
                && (model.flag(cfg.indexOf(t.command.ref())) == 0 || out[pins.waiting] != 0)) t.takeMayFail = true;
            if (m.firstShown(out)) {
                pending[e].answerAt = cycle;
                pending[e].noneLegal = noneAllowed;
            }
            BufferPortMonitor.Answer got = m.answered(in, out);
            if (got != null) {
                answer(e, pending[e], got, out, events, cycle);
                pending[e] = null;
            }
            BufferAgent.Command c = m.taken(in, out);
            if (c != null) {
                if (c.op() == null) throw new IllegalStateException("endpoint " + e + ": BufferPort took a command with no operation code " + in[pins.ep[e].bufOp]);
                pending[e] = decide(e, new Pending(c, cycle), model);
            }
        }
        if (in[pins.errClear] != 0) {
            errMask = pendingMask;
            errEvents = pendingEvents;
        } else {
            errMask |= pendingMask;
            errEvents += pendingEvents;
        }
        pendingMask = portMask;
        pendingEvents = portEvents;
        portMask = cycleMask;
        portEvents = cycleEvents;
    }

    private void answer(int e, Pending a, BufferPortMonitor.Answer rsp, int[] out, List<IpcHarness.Event> events, long cycle) {
        BufferAgent.Command c = a.command;
        AccessStatus got = rsp.status();
        int data = rsp.data();
        String what = "endpoint " + e + ": BufferPort " + c.op() + String.format(" 0x%08x", c.ref()) + " word " + c.offset();
        if (c.op() == BufferOp.CLAIM) {
            if (got == AccessStatus.OK && (a.claimed < 0 || rsp.ref() != cfg.ref(a.claimed))) {
                throw new IllegalStateException(what + ": OK with reference " + Long.toHexString(rsp.ref()) + " but claimed buffer " + a.claimed);
            }
            if (got == AccessStatus.NONE && (a.claimed >= 0 || !a.noneLegal)) {
                throw new IllegalStateException(what + ": NONE although " + (a.claimed >= 0 ? "buffer " + a.claimed + " was claimed"
                    : "a buffer was free and nobody waited"));
            }
            if (got != AccessStatus.OK && got != AccessStatus.NONE) throw new IllegalStateException(what + ": answered " + got);
        } else if (c.op() == BufferOp.TAKE && a.expected == null) {
            int index = cfg.indexOf(c.ref());
            if (got == AccessStatus.OK && (a.claimed != index || rsp.ref() != cfg.ref(index))) {
                throw new IllegalStateException(what + ": OK with reference " + Long.toHexString(rsp.ref()) + " but "
                    + (a.claimed < 0 ? "no claimed event" : "claimed buffer " + a.claimed));
            }
            if (got == AccessStatus.NONE && (a.claimed >= 0 || !a.takeMayFail)) {
                throw new IllegalStateException(what + ": NONE although " + (a.claimed >= 0 ? "buffer " + a.claimed + " was claimed"
                    : "its flag read 1 and nobody waited while it was pending"));
            }
            if (got != AccessStatus.OK && got != AccessStatus.NONE) throw new IllegalStateException(what + ": answered " + got);
        } else if (got != a.expected) {
            throw new IllegalStateException(what + ": answered " + got + ", expected " + a.expected);
        } else if (c.op() == BufferOp.FREE && got == AccessStatus.OK && held.get(e).contains(cfg.indexOf(c.ref()))) {
            throw new IllegalStateException(what + ": answered OK before the buffer was released");
        }
        boolean carriesData = c.op() == BufferOp.READ && got == AccessStatus.OK;
        if (carriesData && a.expectedData != null && data != a.expectedData) {
            throw new IllegalStateException(what + ": read " + Integer.toHexString(data) + ", expected " + Integer.toHexString(a.expectedData)
                + (a.expectedData == 0 ? " (never written since the claim: a leak of an earlier owner's data)" : ""));
        }
        if (!carriesData && data != 0) throw new IllegalStateException(what + ": " + got + " answer carries data " + Integer.toHexString(data));
        answers[got.ordinal()]++;
        IpcCoverage.buffer(coverage, c.op(), got, out[pins.freeCount] == 0);
        if (a.answerAt < cycle) coverage.hit(IpcCoverage.HELD, "BufferPort answer");
        if (events != null) events.add(new IpcHarness.Event(cycle, e, IpcHarness.Event.Kind.BUFFER, null, null, c, got, data, a.answerAt - a.takenAt));
    }

    private Pending decide(int e, Pending a, IpcModel model) {
        BufferAgent.Command c = a.command;
        if (c.op() == BufferOp.CLAIM) return a;
        int index = cfg.indexOf(c.ref());
        if (c.op() == BufferOp.TAKE && index >= 0) return a;
        AccessStatus s = model.owners().decide(e, c.op(), c.ref(), c.offset(), index >= 0 && model.flag(index) == 1);
        if (s == AccessStatus.OK && c.op() == BufferOp.READ) a.expectedData = model.owners().read(index, c.offset());
        if (s == AccessStatus.OK && c.op() == BufferOp.WRITE) model.owners().write(index, c.offset(), c.data());
        if (s.error() != null) {
            cycleMask |= s.error().mask();
            cycleEvents++;
        }
        a.expected = s;
        return a;
    }

    /** {@code width} bits of a multi-word output starting at bit {@code lsb}. */
    private static int bits(int[] out, int at, int lsb, int width) {
        long pair = (out[at + lsb / 32] & 0xffff_ffffL) | (lsb / 32 + 1 < out.length - at ? (long) out[at + lsb / 32 + 1] << 32 : 0);
        return (int) ((pair >>> (lsb % 32)) & ((1L << width) - 1));
    }
}
