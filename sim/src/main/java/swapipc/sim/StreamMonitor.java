package swapipc.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * Passive check of the stream rules on one valid/ready output of a unit, from its pins alone:
 * an answer offered and not taken is offered again in the next cycle with the same payload. It
 * holds no scoreboard state and drives nothing, so any bench that drives the unit (IpcHarness,
 * Lockstep) runs the same check every cycle. A reset ends what was offered.
 */
public final class StreamMonitor {
    private final String name;
    private final int valid;
    private final int ready;
    private final int[] payload;
    private final String[] fields;
    private final int[] held;
    private boolean waiting;

    /**
     * {@code valid} and {@code payload} are offsets into a cycle's outputs, {@code ready} into its
     * inputs; {@code fields} names the payload words for the report.
     */
    public StreamMonitor(String name, int valid, int ready, int[] payload, String[] fields) {
        if (payload.length != fields.length) throw new IllegalArgumentException(name + ": " + payload.length + " payload words, " + fields.length + " names");
        this.name = name;
        this.valid = valid;
        this.ready = ready;
        this.payload = payload.clone();
        this.fields = fields.clone();
        this.held = new int[payload.length];
    }

    /** Checks one cycle; returns the rule it breaks, or null. A cycle in reset is not judged and ends any wait. */
    public String check(int[] in, int inBase, int[] out, int outBase, boolean reset) {
        if (reset) {
            waiting = false;
            return null;
        }
        boolean offered = out[outBase + valid] != 0;
        String problem = null;
        if (waiting && !offered) {
            problem = name + ": valid dropped before ready";
        } else if (waiting) {
            for (int k = 0; k < payload.length && problem == null; k++) {
                int now = out[outBase + payload[k]];
                if (now != held[k]) {
                    problem = String.format("%s: %s changed from 0x%x to 0x%x while waiting for ready", name, fields[k], held[k], now);
                }
            }
        }
        waiting = offered && in[inBase + ready] == 0;
        if (waiting) for (int k = 0; k < payload.length; k++) held[k] = out[outBase + payload[k]];
        return problem;
    }

    /** Forgets what was offered (the bench reset the unit without showing the reset cycles). */
    public void reset() { waiting = false; }

    /** The IpcUnit's answer streams, per endpoint: send answers, presented messages, BufferPort answers. */
    public static List<StreamMonitor> of(IpcPins pins) {
        List<StreamMonitor> all = new ArrayList<>();
        for (int e = 0; e < pins.ep.length; e++) {
            IpcPins.Endpoint p = pins.ep[e];
            all.add(new StreamMonitor("endpoint " + e + " sendRsp", p.rspValid, p.rspReady,
                new int[] {p.rspStatus, p.rspPooled, p.rspIndex}, new String[] {"status", "pooled", "index"}));
            all.add(new StreamMonitor("endpoint " + e + " recv", p.recvValid, p.recvReady,
                new int[] {p.src, p.recvKind, p.recvOpcode, p.recvTag, p.recvArgc, p.recvLength},
                new String[] {"src", "kind", "opcode", "tag", "argc", "length"}));
            all.add(new StreamMonitor("endpoint " + e + " bufferRsp", p.bufRspValid, p.bufRspReady,
                new int[] {p.bufRspStatus, p.bufRspRef, p.bufRspData}, new String[] {"status", "ref", "data"}));
        }
        return all;
    }

    /** The ControlArea's answer streams, per port: allocate and free answers. */
    public static List<StreamMonitor> of(ControlAreaPins pins, int ports) {
        List<StreamMonitor> all = new ArrayList<>();
        for (int p = 0; p < ports; p++) {
            String a = "io_alloc_" + p + "_";
            String f = "io_free_" + p + "_";
            all.add(new StreamMonitor("allocate port " + p, pins.outputOffset(a + "rsp_valid"), pins.inputOffset(a + "rsp_ready"),
                new int[] {pins.outputOffset(a + "rsp_payload_status"), pins.outputOffset(a + "rsp_payload_index"),
                    pins.outputOffset(a + "rsp_payload_ref")}, new String[] {"status", "index", "ref"}));
            all.add(new StreamMonitor("free port " + p, pins.outputOffset(f + "rsp_valid"), pins.inputOffset(f + "rsp_ready"),
                new int[] {pins.outputOffset(f + "rsp_payload_status")}, new String[] {"status"}));
        }
        return all;
    }
}
