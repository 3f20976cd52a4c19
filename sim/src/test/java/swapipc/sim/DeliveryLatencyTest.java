package swapipc.sim;

import org.junit.jupiter.api.Test;
import swapipc.model.Config;
import swapipc.model.Message;
import swapipc.model.MessageKind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-message delivery bound that every IpcHarness run applies (the random runs show the RTL
 * within it; here, that a message late or never presented fails at its deadline).
 */
class DeliveryLatencyTest {
    private static final Config CFG = Config.DEFAULT;

    private static Message call(int src, int dst, int length) {
        return new Message(src, dst, MessageKind.CALL, 1, 0, 0, length, new int[Message.words(length)]);
    }

    @Test
    void boundGrowsWithTheWordsAndTheSharersOfThePoolPorts() {
        DeliveryLatency d = new DeliveryLatency(CFG);
        assertEquals(DeliveryLatency.FIXED + 2 + 2, d.bound(call(0, 1, 8)), "inline: a word per cycle from the descriptor");
        // 64 bytes: header + 16 words through 4 readers and, with zeroize, 6 writers.
        assertEquals(DeliveryLatency.FIXED + 2 + 10 * 18, d.bound(call(0, 1, 64)));
        assertEquals(DeliveryLatency.FIXED + 2 + 4 * 18, new DeliveryLatency(CFG.withZeroize(false)).bound(call(0, 1, 64)));
    }

    @Test
    void aMessageNeverPresentedFailsAtItsDeadline() {
        DeliveryLatency d = new DeliveryLatency(CFG);
        Message m = call(0, 1, 64);
        d.sent(m, 100, 1);
        long deadline = 100 + d.bound(m);
        assertNull(d.overdue(deadline));
        String late = d.overdue(deadline + 1);
        assertTrue(late != null && late.startsWith("endpoint 1: ") && late.contains("not presented within " + d.bound(m)), late);
    }

    @Test
    void onlyAMessageWithNothingAheadOfItIsBoundAndTheSlackIsTheClosestShave() {
        DeliveryLatency d = new DeliveryLatency(CFG);
        Message m = call(0, 1, 64);
        d.sent(m, 100, 2);
        assertNull(d.overdue(100_000), "a message behind another waits for the receiver: no bound");
        assertEquals(Long.MAX_VALUE, d.slack());
        d.sent(m, 200, 1);
        assertNull(d.presented(1, 230));
        assertEquals(d.bound(m) - 30, d.slack());
        d.sent(m, 300, 1);
        String late = d.presented(1, 301 + d.bound(m));
        assertTrue(late != null && late.contains(d.bound(m) + 1 + " cycles so far"), late);
        assertEquals(-1, d.slack(), "late by one cycle");
        d.sent(m, 400, 1);
        d.reset();
        assertNull(d.overdue(100_000), "a reset drops the message");
    }
}
