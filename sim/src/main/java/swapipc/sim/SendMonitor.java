package swapipc.sim;

import swapipc.model.Message;
import swapipc.model.MessageKind;
import swapipc.model.SendStatus;

/**
 * Passive: one endpoint's send side reconstructed from its pins alone (send command, answer,
 * argument words, the `allocated` event), with no knowledge of what the driver meant to send.
 * Each send becomes a {@link Send}; the listener hears when its buffer is allocated, when its
 * answer first shows, when the answer is taken, and when an accepted send's last word is in.
 * What breaks the protocol at these pins (a word taken outside a message, a command taken while
 * words are owed, an allocation with no send waiting for its answer) is reported as a violation.
 */
public final class SendMonitor {
    /**
     * A send as the pins showed it. The argument words are filled into {@code message} as the
     * unit takes them (a scoreboard may hand the message on before that); {@code complete} says
     * when the last one is in.
     */
    public static final class Send {
        public final Message message;
        public final boolean blocking;
        /** The buffer of this send's `allocated` event, or -1. */
        public int granted = -1;
        public boolean complete;
        /** The first cycle its answer showed, or -1. */
        public long shownAt = -1;
        public SendStatus status;
        public boolean pooled;
        public int index;
        int taken;

        Send(Message message, boolean blocking) {
            this.message = message;
            this.blocking = blocking;
        }
    }

    public interface Listener {
        void allocated(int endpoint, Send send, int index, long cycle);

        void answerShown(int endpoint, Send send, long cycle);

        /** A cycle in which the answer showed and the sender did not take it. */
        void answerHeld(int endpoint, Send send, long cycle);

        void answered(int endpoint, Send send, long cycle);

        /** An accepted send's last argument word was taken (or it had none). */
        void sent(int endpoint, Send send, long cycle);
    }

    private enum Phase { IDLE, ANSWER, DATA }

    private final int endpoint;
    private final IpcPins.Endpoint p;
    private final Listener listener;
    private Phase phase = Phase.IDLE;
    private Send current;

    public SendMonitor(int endpoint, IpcPins.Endpoint pins, Listener listener) {
        this.endpoint = endpoint;
        this.p = pins;
        this.listener = listener;
    }

    /** One cycle's pins; returns a protocol violation, or null. */
    public String observe(int[] in, int[] out, long cycle) {
        boolean dataTaken = in[p.dataValid] != 0 && out[p.dataReady] != 0;
        if (dataTaken && phase != Phase.DATA) return "endpoint " + endpoint + ": the unit took a stray data word offered outside any message";
        if (out[p.allocValid] != 0) {
            if (phase != Phase.ANSWER || current.granted >= 0) {
                return "endpoint " + endpoint + ": buffer " + out[p.allocIndex] + " allocated with no send waiting for its answer";
            }
            current.granted = out[p.allocIndex];
            listener.allocated(endpoint, current, out[p.allocIndex], cycle);
        }
        if (phase != Phase.ANSWER && out[p.rspValid] != 0) return "endpoint " + endpoint + ": a send answer with no send waiting for it";
        if (phase == Phase.ANSWER && out[p.rspValid] != 0) {
            if (current.shownAt < 0) {
                current.shownAt = cycle;
                listener.answerShown(endpoint, current, cycle);
            }
            if (in[p.rspReady] == 0) listener.answerHeld(endpoint, current, cycle);
            if (in[p.rspReady] != 0) {
                current.status = SendStatus.ofCode(out[p.rspStatus]);
                current.pooled = out[p.rspPooled] != 0;
                current.index = out[p.rspIndex];
                listener.answered(endpoint, current, cycle);
                phase = current.status != SendStatus.OK ? Phase.IDLE : current.message.args().length > 0 ? Phase.DATA : Phase.IDLE;
                if (current.status == SendStatus.OK && phase == Phase.IDLE) {
                    current.complete = true;
                    listener.sent(endpoint, current, cycle);
                }
            }
        } else if (phase == Phase.DATA && dataTaken) {
            current.message.args()[current.taken++] = in[p.data];
            if (current.taken == current.message.args().length) {
                phase = Phase.IDLE;
                current.complete = true;
                listener.sent(endpoint, current, cycle);
            }
        }
        if (in[p.sendValid] != 0 && out[p.sendReady] != 0) {
            if (phase != Phase.IDLE) return "endpoint " + endpoint + ": a send command taken while the last one was " + (phase == Phase.DATA ? "owed words" : "unanswered");
            int length = in[p.length];
            Message m = new Message(endpoint, in[p.dst], MessageKind.ofCode(in[p.kind]), in[p.opcode], in[p.tag], in[p.argc], length,
                new int[Message.words(length)]);
            current = new Send(m, in[p.blocking] != 0);
            phase = Phase.ANSWER;
        }
        return null;
    }

    /** The unit was reset: a send under way is gone. */
    public void reset() {
        phase = Phase.IDLE;
        current = null;
    }
}
