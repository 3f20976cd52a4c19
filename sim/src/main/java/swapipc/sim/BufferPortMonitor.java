package swapipc.sim;

import swapipc.model.AccessStatus;
import swapipc.model.BufferOp;

/**
 * Passive: one endpoint's BufferPort transactions as its pins show them: the command in the
 * cycle it is taken, the first cycle its answer shows, the answer when it is taken, and the
 * `claimed` and `released` trace events. It keeps only whether a command is waiting for its answer.
 */
final class BufferPortMonitor {
    record Answer(AccessStatus status, long ref, int data) {}

    private final IpcPins.Endpoint p;
    private boolean waiting;
    private boolean shown;

    BufferPortMonitor(IpcPins.Endpoint pins) {
        this.p = pins;
    }

    void reset() {
        waiting = false;
    }

    /** The command taken this cycle (its reference unsigned), or null. */
    BufferAgent.Command taken(int[] in, int[] out) {
        if (in[p.bufValid] == 0 || out[p.bufReady] == 0) return null;
        waiting = true;
        shown = false;
        BufferOp[] ops = BufferOp.values();
        int code = in[p.bufOp];
        return new BufferAgent.Command(code < ops.length ? ops[code] : null, in[p.bufRef] & 0xffff_ffffL, in[p.bufOffset], in[p.bufData]);
    }

    /** Whether the waiting command's answer shows for the first time this cycle. */
    boolean firstShown(int[] out) {
        if (!waiting || shown || out[p.bufRspValid] == 0) return false;
        shown = true;
        return true;
    }

    /** The answer taken this cycle, or null. */
    Answer answered(int[] in, int[] out) {
        if (!waiting || out[p.bufRspValid] == 0 || in[p.bufRspReady] == 0) return null;
        waiting = false;
        return new Answer(AccessStatus.ofCode(out[p.bufRspStatus]), out[p.bufRspRef] & 0xffff_ffffL, out[p.bufRspData]);
    }

    /** The buffer a CLAIM was granted this cycle, or -1. */
    int claimed(int[] out) {
        return out[p.claimedValid] != 0 ? out[p.claimedIndex] : -1;
    }

    /** The buffer a FREE released this cycle, or -1. */
    int released(int[] out) {
        return out[p.releasedValid] != 0 ? out[p.releasedIndex] : -1;
    }
}
