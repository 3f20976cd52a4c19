package swapipc.sim;

import swapipc.model.Config;
import swapipc.model.Message;

/**
 * One endpoint's receiving driver: sees a message presented, waits a random stall, reads every
 * argument word (and, when probing, one word past the end), then releases the temporary memory.
 * It keeps only what driving needs (how many reads to issue and how many were answered); what
 * the reads returned is the {@link RecvMonitor}'s to see and the scoreboard's to judge.
 */
final class ReceiverAgent {
    enum Phase { IDLE, STALL, READ, RELEASE }

    private final IpcPins.Endpoint pins;
    private final Config cfg;
    Phase phase = Phase.IDLE;
    long stallUntil;
    /** Reads to issue for the message presented: its words, and one past the end when probing. */
    private int reads;
    private int issued;
    private int answered;
    private boolean pending;
    private boolean strayNow;
    long strayReads;

    private final boolean probe;

    ReceiverAgent(Config cfg, IpcPins.Endpoint pins, boolean probe) {
        this.cfg = cfg;
        this.probe = probe;
        this.pins = pins;
    }

    /** {@code stray} >= 0: with no message to read, read that address anyway (abuse); it must read 0. */
    void drive(int[] in, long cycle, int stray) {
        if (phase == Phase.STALL && cycle >= stallUntil) phase = Phase.READ;
        boolean read = phase == Phase.READ && issued < reads;
        strayNow = !read && phase == Phase.IDLE && stray >= 0;
        in[pins.rdEn] = read || strayNow ? 1 : 0;
        in[pins.rdAddr] = read ? issued : strayNow ? stray : 0;
        if (read) issued++;
        in[pins.recvReady] = phase == Phase.RELEASE ? 1 : 0;
    }

    /** Sees a newly presented message; returns true if one was presented this cycle. */
    boolean observePresented(int[] out, long cycle, long stall) {
        if (phase != Phase.IDLE || out[pins.recvValid] == 0) return false;
        int words = Message.words(out[pins.recvLength]);
        reads = words + (probe && words + 1 <= cfg.bufferWords() - 2 ? 1 : 0);
        issued = 0;
        answered = 0;
        pending = false;
        stallUntil = cycle + 1 + stall;
        phase = Phase.STALL;
        return true;
    }

    /** Counts the answers to its reads (each answered the cycle after it was issued). */
    void observeReads(int[] in) {
        if (pending) answered++;
        pending = in[pins.rdEn] != 0 && !strayNow;
        if (strayNow) strayReads++;
        if (phase == Phase.READ && answered == reads) phase = Phase.RELEASE;
    }

    /** Whether the message was taken this cycle. */
    boolean observeRelease(int[] in, int[] out) {
        if (phase != Phase.RELEASE || in[pins.recvReady] == 0 || out[pins.recvValid] == 0) return false;
        phase = Phase.IDLE;
        return true;
    }

    /** The unit was reset: a message being read is gone. */
    void reset() {
        phase = Phase.IDLE;
        pending = false;
        strayNow = false;
    }
}
