package swapipc.sim;

import swapipc.model.Config;
import swapipc.model.Message;
import swapipc.model.MessageKind;
import swapipc.model.SendStatus;

import java.util.ArrayList;
import java.util.List;

/**
 * The IpcUnit's endpoint ports in one call and its reply, recorded from a real run under the
 * IpcHarness scoreboard (the run fails on any difference from the model): endpoint 0 sends a
 * 12-byte call (pooled), endpoint 1 reads its words through the temporary-memory port, takes it
 * and replies at once with 4 bytes (inline), endpoint 0 takes the reply. No stalls; cycle 0 is
 * the cycle the call is offered.
 */
final class IpcTimingDiagram implements TimingDiagram.Drawing {
    static final Config CONFIG = Config.DEFAULT;
    /** After initialization (the pool's zeroize walk), so the unit takes the send at once. */
    private static final long START = 2200;
    private static final Message CALL = new Message(0, 1, MessageKind.CALL, 5, 1, 3, 12, new int[] {0x11111111, 0x22222222, 0x33333333});
    /** No stalls, immediate replies of 4 bytes (inline: no buffer). */
    private static final CallProfile REPLY_4_BYTES = new CallProfile("reply-4", 1, 4, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.0);

    private record Column(WaveDrom.Trace trace, java.util.function.BiFunction<int[], int[], String> value) {}

    static IpcTimingDiagram callAndReply() { return new IpcTimingDiagram(); }

    @Override
    public String file() { return "ipcunit-call-reply.json"; }

    private static String bit(boolean b) { return b ? "1" : "0"; }

    private static List<Column> columns(IpcPins pins) {
        IpcPins.Endpoint a = pins.ep[0];
        IpcPins.Endpoint b = pins.ep[1];
        List<Column> c = new ArrayList<>();
        c.add(new Column(new WaveDrom.Trace("ep0 send_valid", false, false), (in, out) -> bit(in[a.sendValid] != 0)));
        c.add(new Column(new WaveDrom.Trace("ep0 send_ready", false, false), (in, out) -> bit(out[a.sendReady] != 0)));
        c.add(new Column(new WaveDrom.Trace("ep0 sendRsp", true, true), (in, out) -> out[a.rspValid] == 0 ? null
            : SendStatus.ofCode(out[a.rspStatus]).name() + (out[a.rspPooled] != 0 ? " buf " + out[a.rspIndex] : " inline")));
        c.add(new Column(new WaveDrom.Trace("ep0 sendData_valid", false, false), (in, out) -> bit(in[a.dataValid] != 0)));
        c.add(new Column(new WaveDrom.Trace("ep0 sendData_ready", false, false), (in, out) -> bit(out[a.dataReady] != 0)));
        c.add(new Column(new WaveDrom.Trace("ep0 sendData", true, false), (in, out) -> in[a.dataValid] == 0 ? null : String.format("%08x", in[a.data])));
        c.add(new Column(new WaveDrom.Trace("ep1 recv_valid", false, false), (in, out) -> bit(out[b.recvValid] != 0)));
        c.add(new Column(new WaveDrom.Trace("ep1 recv_ready", false, false), (in, out) -> bit(in[b.recvReady] != 0)));
        c.add(new Column(new WaveDrom.Trace("ep1 recv (kind, length)", true, false), (in, out) -> out[b.recvValid] == 0 ? null
            : MessageKind.ofCode(out[b.recvKind]) + " " + out[b.recvLength] + " B"));
        c.add(new Column(new WaveDrom.Trace("ep1 send_valid", false, false), (in, out) -> bit(in[b.sendValid] != 0)));
        c.add(new Column(new WaveDrom.Trace("ep1 sendRsp", true, true), (in, out) -> out[b.rspValid] == 0 ? null
            : SendStatus.ofCode(out[b.rspStatus]).name() + (out[b.rspPooled] != 0 ? " buf " + out[b.rspIndex] : " inline")));
        c.add(new Column(new WaveDrom.Trace("ep0 recv_valid", false, false), (in, out) -> bit(out[a.recvValid] != 0)));
        c.add(new Column(new WaveDrom.Trace("ep0 recv_ready", false, false), (in, out) -> bit(in[a.recvReady] != 0)));
        c.add(new Column(new WaveDrom.Trace("ep0 recv (kind, length)", true, false), (in, out) -> out[a.recvValid] == 0 ? null
            : MessageKind.ofCode(out[a.recvKind]) + " " + out[a.recvLength] + " B"));
        c.add(new Column(new WaveDrom.Trace("freeCount", true, false), (in, out) -> Integer.toString(out[pins.freeCount])));
        return c;
    }

    @Override
    public String render() {
        List<String[]> rows = new ArrayList<>();
        List<WaveDrom.Trace> traces = new ArrayList<>();
        long[] replyTaken = {-1};
        IpcHarness.Script script = new IpcHarness.Script() {
            private boolean sent;
            private List<Column> cols;

            @Override
            public Message next(int e, long cycle) {
                if (e != 0 || sent || cycle < START) return null;
                sent = true;
                return CALL;
            }

            @Override
            public boolean finished(long cycle) { return sent; }

            @Override
            public boolean probePastEnd() { return false; }

            @Override
            public void observe(long cycle, int[] in, int[] out, IpcPins pins) {
                if (cols == null) {
                    cols = columns(pins);
                    cols.forEach(col -> traces.add(col.trace()));
                }
                if (cycle < START || replyTaken[0] >= 0 && cycle > replyTaken[0] + 2) return;
                String[] row = new String[cols.size()];
                for (int k = 0; k < row.length; k++) row[k] = cols.get(k).value().apply(in, out);
                rows.add(row);
                IpcPins.Endpoint a = pins.ep[0];
                if (replyTaken[0] < 0 && out[a.recvValid] != 0 && in[a.recvReady] != 0 && out[a.recvKind] == MessageKind.RETURN.code()) replyTaken[0] = cycle;
            }
        };
        IpcHarness.Result r = IpcHarness.run(CONFIG, REPLY_4_BYTES, script, 1, START + 2000, "./swapipc timing");
        if (!r.passed()) throw new IllegalStateException("IpcUnit/model mismatch: " + r.failure());
        if (replyTaken[0] < 0) throw new IllegalStateException("the reply was not taken within the run");
        return WaveDrom.json(traces, rows, "IpcUnit: a 12-byte call from endpoint 0 to 1 (pooled: buffer 0) and its 4-byte reply (inline); "
            + "the call's buffer is free again when the call is presented (EARLY)", "generated by ./swapipc timing from an IpcHarness run "
            + "(RTL = model every cycle and every message); default configuration, no stalls");
    }
}
