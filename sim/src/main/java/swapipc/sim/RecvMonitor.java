package swapipc.sim;

import swapipc.model.Message;
import swapipc.model.MessageKind;

/**
 * Passive: one endpoint's receive side reconstructed from its pins alone. A message is the
 * header on the recv pins from the cycle recv.valid rises, its argument words are whatever the
 * reads of its temporary memory returned (rdAddr in one cycle, rdData the next), and it is
 * delivered in the cycle recv.valid and recv.ready meet. Reads past the message's end, and reads
 * while nothing is presented, must return 0 (no word of an earlier message leaks); a message
 * released with a word never read is reported too, since its content could not be judged.
 */
public final class RecvMonitor {
    private final int endpoint;
    private final IpcPins.Endpoint p;
    /** The message presented, or null; its words as read so far. */
    private Message presented;
    private boolean[] read;
    /** The read issued last cycle (-1 if none), and the message presented then (null if none). */
    private int pendingAddress = -1;
    private Message pendingOf;
    private boolean[] pendingRead;

    public RecvMonitor(int endpoint, IpcPins.Endpoint pins) {
        this.endpoint = endpoint;
        this.p = pins;
    }

    /** What one cycle showed: the message delivered in it (null if none), or a violation. */
    public record Seen(Message delivered, String violation, boolean presentedNow) {}

    public Seen observe(int[] in, int[] out, long cycle) {
        String violation = null;
        boolean presentedNow = false;
        if (pendingAddress >= 0) {
            int data = out[p.rdData];
            if (pendingOf == null) {
                if (data != 0) violation = String.format("endpoint %d read 0x%08x with no message presented", endpoint, data);
            } else if (pendingAddress < pendingOf.args().length) {
                pendingOf.args()[pendingAddress] = data;
                pendingRead[pendingAddress] = true;
            } else if (data != 0) {
                violation = String.format("endpoint %d read 0x%08x past the end of a %d-byte message", endpoint, data, pendingOf.length());
            }
        }
        if (out[p.recvValid] != 0 && presented == null) {
            int length = out[p.recvLength];
            presented = new Message(out[p.src], endpoint, MessageKind.ofCode(out[p.recvKind]), out[p.recvOpcode], out[p.recvTag],
                out[p.recvArgc], length, new int[Message.words(length)]);
            read = new boolean[presented.args().length];
            presentedNow = true;
        }
        pendingAddress = in[p.rdEn] != 0 ? in[p.rdAddr] : -1;
        pendingOf = presented;
        pendingRead = read;
        Message delivered = null;
        if (presented != null && out[p.recvValid] != 0 && in[p.recvReady] != 0) {
            for (int k = 0; k < read.length && violation == null; k++) {
                if (!read[k]) violation = "endpoint " + endpoint + ": a message was released with argument word " + k + " never read";
            }
            // A copy: a read answered after the release must not change what was delivered.
            delivered = new Message(presented.src(), presented.dst(), presented.kind(), presented.opcode(), presented.tag(), presented.argc(),
                presented.length(), presented.args());
            presented = null;
        }
        return new Seen(delivered, violation, presentedNow);
    }

    /** The unit was reset: a message presented or being read is gone. */
    public void reset() {
        presented = null;
        pendingAddress = -1;
        pendingOf = null;
    }
}
