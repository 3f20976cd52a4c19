package swapipc.sim;

import swapipc.model.Message;

import java.util.ArrayDeque;
import java.util.PriorityQueue;

/**
 * One endpoint's sending driver: presents a send command, waits for its answer, then streams the
 * argument words, keeping every valid asserted until it is taken. Under abuse it also offers
 * stray data words and leaves answers waiting. It judges nothing: what the unit did with the
 * send is the {@link SendMonitor}'s to see and the scoreboard's to judge.
 */
final class SenderAgent {
    enum Phase { IDLE, CMD, ANSWER, DATA }

    private record Due(long cycle, long order, Message message) {}

    private final IpcPins.Endpoint pins;
    Phase phase = Phase.IDLE;
    Message current;
    boolean blocking;
    int word;
    private boolean dataValid;
    /** This cycle the agent offers a data word outside any message (abuse): the unit must not take it. */
    boolean offeredOutside;
    long backoffUntil;
    /** Replies waiting for their service time, then retries, in order. */
    private final PriorityQueue<Due> replies = new PriorityQueue<>((a, b) -> a.cycle != b.cycle
        ? Long.compare(a.cycle, b.cycle) : Long.compare(a.order, b.order));
    final ArrayDeque<Message> retries = new ArrayDeque<>();
    private long order;

    SenderAgent(IpcPins.Endpoint pins) {
        this.pins = pins;
    }

    void replyAt(long cycle, Message m) {
        replies.add(new Due(cycle, order++, m));
    }

    /** The next message whose time has come: a retry first, then a due reply; null if none. */
    Message nextDue(long cycle) {
        if (!retries.isEmpty()) return retries.poll();
        if (!replies.isEmpty() && replies.peek().cycle <= cycle) return replies.poll().message;
        return null;
    }

    boolean hasWork() {
        return phase != Phase.IDLE || !retries.isEmpty() || !replies.isEmpty();
    }

    void start(Message m, boolean blocking) {
        current = m;
        this.blocking = blocking;
        word = 0;
        phase = Phase.CMD;
    }

    /** {@code abuse}: offer a stray data word if not sending data, and leave an answer untaken this cycle. */
    void drive(int[] in, boolean stall, boolean abuse, int garbage) {
        in[pins.sendValid] = phase == Phase.CMD ? 1 : 0;
        if (current != null) {
            in[pins.dst] = current.dst();
            in[pins.kind] = current.kind().code();
            in[pins.opcode] = current.opcode();
            in[pins.tag] = current.tag();
            in[pins.argc] = current.argc();
            in[pins.length] = current.length();
            in[pins.blocking] = blocking ? 1 : 0;
        }
        if (phase == Phase.DATA && !dataValid && !stall) dataValid = true;
        offeredOutside = phase != Phase.DATA && abuse;
        in[pins.dataValid] = phase == Phase.DATA && dataValid || offeredOutside ? 1 : 0;
        in[pins.data] = phase == Phase.DATA ? current.args()[word] : offeredOutside ? garbage : 0;
        in[pins.rspReady] = phase == Phase.ANSWER && abuse ? 0 : 1;
    }

    /** After a cycle: whether the command was taken, and data words accepted. Returns true when the message is done. */
    boolean observeData(int[] in, int[] out) {
        if (phase == Phase.CMD && out[pins.sendReady] != 0) phase = Phase.ANSWER;
        if (phase == Phase.DATA && in[pins.dataValid] != 0 && out[pins.dataReady] != 0) {
            dataValid = false;
            if (++word == current.args().length) {
                phase = Phase.IDLE;
                return true;
            }
        }
        return false;
    }

    /** The answer was OK: stream the words, if any. Returns true when the message needs no data. */
    boolean accepted() {
        if (current.args().length == 0) {
            phase = Phase.IDLE;
            return true;
        }
        phase = Phase.DATA;
        return false;
    }

    void refused() {
        phase = Phase.IDLE;
    }

    /** The unit was reset: whatever was being sent, retried or waiting to be answered is gone. */
    void reset() {
        phase = Phase.IDLE;
        current = null;
        dataValid = false;
        replies.clear();
        retries.clear();
    }
}
