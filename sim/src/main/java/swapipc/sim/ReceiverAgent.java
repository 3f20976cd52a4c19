package swapipc.sim;

import swapipc.model.Config;
import swapipc.model.Message;
import swapipc.model.MessageKind;

/**
 * One endpoint's receiving side in the test bench: sees a message presented, waits a random
 * stall, reads every argument word (and, when probing, one word past the end, which must read 0), then
 * releases the temporary memory.
 */
final class ReceiverAgent {
    enum Phase { IDLE, STALL, READ, RELEASE }

    private final IpcPins.Endpoint pins;
    private final Config cfg;
    private final int endpoint;
    Phase phase = Phase.IDLE;
    long stallUntil;
    private int src, kind, opcode, tag, argc, length;
    private int[] words;
    private int issued;
    private int received;
    private static final int STRAY = -2;
    private int pending = -1;
    private boolean strayNow;
    private boolean presentedAtStray;
    long strayReads;
    private boolean pastEnd;
    /** A read past the message's end did not return 0 (a leak of an earlier message's words). */
    String leak;

    private final boolean probe;

    ReceiverAgent(Config cfg, IpcPins.Endpoint pins, int endpoint, boolean probe) {
        this.cfg = cfg;
        this.probe = probe;
        this.pins = pins;
        this.endpoint = endpoint;
    }

    /** {@code stray} >= 0: with no message to read, read that address anyway (abuse); it must read 0. */
    void drive(int[] in, long cycle, int stray) {
        if (phase == Phase.STALL && cycle >= stallUntil) phase = Phase.READ;
        boolean read = phase == Phase.READ && issued < words.length + (pastEnd ? 1 : 0);
        strayNow = !read && phase == Phase.IDLE && stray >= 0;
        in[pins.rdEn] = read || strayNow ? 1 : 0;
        in[pins.rdAddr] = read ? issued : strayNow ? stray : 0;
        if (read) issued++;
        in[pins.recvReady] = phase == Phase.RELEASE ? 1 : 0;
    }

    /** Sees a newly presented message; returns true if one was presented this cycle. */
    boolean observePresented(int[] out, long cycle, long stall) {
        if (phase != Phase.IDLE || out[pins.recvValid] == 0) return false;
        src = out[pins.src];
        kind = out[pins.recvKind];
        opcode = out[pins.recvOpcode];
        tag = out[pins.recvTag];
        argc = out[pins.recvArgc];
        length = out[pins.recvLength];
        words = new int[Message.words(length)];
        issued = 0;
        received = 0;
        pending = -1;
        pastEnd = probe && words.length + 1 <= cfg.bufferWords() - 2;
        stallUntil = cycle + 1 + stall;
        phase = Phase.STALL;
        return true;
    }

    /** Collects read data (answered the cycle after the read). */
    void observeReads(int[] in, int[] out) {
        if (pending == STRAY && !presentedAtStray && out[pins.rdData] != 0) {
            leak = String.format("endpoint %d read 0x%08x with no message presented", endpoint, out[pins.rdData]);
        } else if (pending >= 0) {
            if (pending < words.length) {
                words[pending] = out[pins.rdData];
                received++;
            } else if (out[pins.rdData] != 0) {
                leak = String.format("endpoint %d read 0x%08x past the end of a %d-byte message", endpoint, out[pins.rdData], length);
            } else {
                received++;
            }
        }
        pending = in[pins.rdEn] == 0 ? -1 : strayNow ? STRAY : in[pins.rdAddr];
        if (strayNow) {
            presentedAtStray = out[pins.recvValid] != 0;
            strayReads++;
        }
        if (phase == Phase.READ && received == words.length + (pastEnd ? 1 : 0)) phase = Phase.RELEASE;
    }

    /** The message was taken this cycle: returns it as read, or null if not released this cycle. */
    Message observeRelease(int[] in, int[] out) {
        if (phase != Phase.RELEASE || in[pins.recvReady] == 0 || out[pins.recvValid] == 0) return null;
        phase = Phase.IDLE;
        return new Message(src, endpoint, MessageKind.ofCode(kind), opcode, tag, argc, length, words);
    }

    /** The unit was reset: a message being read is gone. */
    void reset() {
        phase = Phase.IDLE;
        pending = -1;
        strayNow = false;
    }

    int length() { return length; }
}
