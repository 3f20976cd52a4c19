package swapipc.sim;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import swapipc.model.Config;
import swapipc.model.Message;
import swapipc.model.SendStatus;
import swapipc.sim.bridge.PortLayout;
import swapipc.sim.bridge.Simulation;
import swapipc.sim.bridge.VerilatedModel;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SendMonitor and RecvMonitor on hand-made pin traces (the IpcUnit's port layout, no simulation steps). */
class MonitorsTest {
    private static Simulation sim;
    private static PortLayout layout;
    private static IpcPins.Endpoint p;

    @BeforeAll
    static void layout() {
        sim = VerilatedModel.of(Designs.ipcUnit(Config.DEFAULT), false).instantiate(null);
        layout = new PortLayout(sim);
        p = new IpcPins(Config.DEFAULT, layout).ep[1];
        layout.seal();
    }

    @AfterAll
    static void close() {
        sim.close();
    }

    private static int[] in() { return new int[layout.in.length]; }

    private static int[] out() { return new int[layout.out.length]; }

    /** recv presented: 8-byte CALL from endpoint 0, tag 5. */
    private static void present(int[] out) {
        out[p.recvValid] = 1;
        out[p.src] = 0;
        out[p.recvTag] = 5;
        out[p.recvLength] = 8;
    }

    @Test
    void aMessageIsRebuiltFromTheWordsItsReadsReturned() {
        RecvMonitor m = new RecvMonitor(1, p);
        int[] in = in();
        int[] out = out();
        present(out);
        in[p.rdEn] = 1;
        in[p.rdAddr] = 0;
        assertTrue(m.observe(in, out, 0).presentedNow());
        in[p.rdAddr] = 1;
        out[p.rdData] = 0x1111;
        assertNull(m.observe(in, out, 1).violation());
        in[p.rdEn] = 0;
        out[p.rdData] = 0x2222;
        assertNull(m.observe(in, out, 2).violation());
        in[p.recvReady] = 1;
        RecvMonitor.Seen seen = m.observe(in, out, 3);
        assertNull(seen.violation());
        Message got = seen.delivered();
        assertNotNull(got);
        assertEquals(0, got.src());
        assertEquals(1, got.dst());
        assertEquals(5, got.tag());
        assertArrayEquals(new int[] {0x1111, 0x2222}, got.args());
    }

    @Test
    void aReadPastTheEndOrWithNothingPresentedMustReturnZero() {
        RecvMonitor m = new RecvMonitor(1, p);
        int[] in = in();
        int[] out = out();
        present(out);
        in[p.rdEn] = 1;
        in[p.rdAddr] = 2;
        m.observe(in, out, 0);
        in[p.rdEn] = 0;
        out[p.rdData] = 7;
        assertEquals("endpoint 1 read 0x00000007 past the end of a 8-byte message", m.observe(in, out, 1).violation());
        RecvMonitor idle = new RecvMonitor(1, p);
        int[] in2 = in();
        int[] out2 = out();
        in2[p.rdEn] = 1;
        idle.observe(in2, out2, 0);
        in2[p.rdEn] = 0;
        out2[p.rdData] = 9;
        assertEquals("endpoint 1 read 0x00000009 with no message presented", idle.observe(in2, out2, 1).violation());
    }

    @Test
    void aMessageReleasedWithAWordNeverReadIsReported() {
        RecvMonitor m = new RecvMonitor(1, p);
        int[] in = in();
        int[] out = out();
        present(out);
        in[p.recvReady] = 1;
        assertEquals("endpoint 1: a message was released with argument word 0 never read", m.observe(in, out, 0).violation());
    }

    /** Records what the monitor reports. */
    private static final class Heard implements SendMonitor.Listener {
        final List<String> events = new ArrayList<>();
        SendMonitor.Send last;

        @Override public void allocated(int e, SendMonitor.Send s, int index, long cycle) { events.add("allocated " + index); }

        @Override public void answerShown(int e, SendMonitor.Send s, long cycle) { events.add("shown " + cycle); }

        @Override public void answerHeld(int e, SendMonitor.Send s, long cycle) { events.add("held " + cycle); }

        @Override public void answered(int e, SendMonitor.Send s, long cycle) { events.add("answered " + s.status); }

        @Override
        public void sent(int e, SendMonitor.Send s, long cycle) {
            events.add("sent " + cycle);
            last = s;
        }
    }

    @Test
    void aSendIsRebuiltFromCommandAnswerAndWordsAndAStrayWordTakenIsReported() {
        Heard heard = new Heard();
        SendMonitor m = new SendMonitor(1, p, heard);
        int[] in = in();
        int[] out = out();
        in[p.sendValid] = 1;
        out[p.sendReady] = 1;
        in[p.dst] = 0;
        in[p.length] = 20;
        assertNull(m.observe(in, out, 0));
        in[p.sendValid] = 0;
        out[p.sendReady] = 0;
        out[p.allocValid] = 1;
        out[p.allocIndex] = 3;
        out[p.rspValid] = 1;
        out[p.rspStatus] = SendStatus.OK.code();
        out[p.rspPooled] = 1;
        out[p.rspIndex] = 3;
        assertNull(m.observe(in, out, 1));
        out[p.allocValid] = 0;
        in[p.rspReady] = 1;
        assertNull(m.observe(in, out, 2));
        out[p.rspValid] = 0;
        in[p.rspReady] = 0;
        in[p.dataValid] = 1;
        out[p.dataReady] = 1;
        for (int k = 0; k < 5; k++) {
            in[p.data] = 100 + k;
            assertNull(m.observe(in, out, 3 + k));
        }
        assertEquals(List.of("allocated 3", "shown 1", "held 1", "answered OK", "sent 7"), heard.events);
        assertArrayEquals(new int[] {100, 101, 102, 103, 104}, heard.last.message.args());
        assertEquals(3, heard.last.index);
        assertEquals("endpoint 1: the unit took a stray data word offered outside any message", m.observe(in, out, 8));
    }
}
