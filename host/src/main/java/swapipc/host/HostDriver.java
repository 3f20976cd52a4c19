package swapipc.host;

import swapipc.model.BusError;
import swapipc.model.Config;
import swapipc.model.Message;
import swapipc.model.MessageKind;
import swapipc.model.RegisterMap;
import swapipc.model.RegisterMap.Register;
import swapipc.model.SendStatus;

import java.util.ArrayList;
import java.util.List;

/**
 * One endpoint of a board, from a PC: the operations of firmware/swapipc.c in the same register
 * order, with the argument and descriptor words in bursts (SEND_CTRL..SEND_GO are consecutive,
 * so a send's descriptor and start are one frame). A refused access throws {@link BridgeException}
 * naming the ERR bits.
 */
public final class HostDriver {
    private final BridgeLink link;
    private final Config cfg;
    private final RegisterMap map;
    private final int self;

    public HostDriver(BridgeLink link, Config cfg, int endpoint) {
        if (endpoint < 0 || endpoint >= cfg.endpoints()) {
            throw new IllegalArgumentException("endpoint " + endpoint + " does not exist: the board has " + cfg.endpoints());
        }
        this.link = link;
        this.cfg = cfg;
        this.map = new RegisterMap(cfg);
        this.self = endpoint;
        if (map.SEND_HDR.offset() != map.SEND_CTRL.offset() + 4 || map.SEND_LEN.offset() != map.SEND_CTRL.offset() + 8
            || map.SEND_GO.offset() != map.SEND_CTRL.offset() + 12 || map.RX_HDR1.offset() != map.RX_HDR0.offset() + 4) {
            throw new IllegalStateException("the register map no longer has SEND_CTRL..SEND_GO and RX_HDR0..1 consecutive");
        }
    }

    public int self() { return self; }

    public RegisterMap map() { return map; }

    public int get(Register r) { return guarded(() -> link.read(self, r.offset())); }

    public void set(Register r, int value) { guarded(() -> { link.write(self, r.offset(), value); return 0; }); }

    /** CLAIM: a buffer reference, or {@link RegisterMap#CLAIM_NONE}. */
    public int claim() { return get(map.CLAIM); }

    /** Fig. 6: FLAG_CLAIM[0], [1], ... until a read returns 1; CLAIM_NONE after n zeros. */
    public int claimFig6() {
        for (int i = 0; i < cfg.buffers(); i++) {
            int at = map.FLAG_CLAIM.offset() + 4 * i;
            if (guarded(() -> link.read(self, at)) != 0) return (int) cfg.ref(i);
        }
        return RegisterMap.CLAIM_NONE;
    }

    public void free(int ref) { set(map.FREE, ref); }

    public void writeWords(int ref, int[] words) {
        set(map.POOL_REF, ref);
        guarded(() -> { link.write(self, map.POOL_DATA.offset(), words, true); return 0; });
    }

    public int[] readWords(int ref, int count) {
        set(map.POOL_REF, ref);
        return guarded(() -> link.read(self, map.POOL_DATA.offset(), count, true));
    }

    /** Descriptor and SEND_GO in one frame, SEND_STATUS polled until answered, then (OK) the argument words. */
    public SendStatus send(Message m, boolean blocking) {
        int ctrl = map.SEND_CTRL.field("dst").put(m.dst()) | map.SEND_CTRL.field("kind").put(m.kind().code())
            | map.SEND_CTRL.field("blocking").put(blocking ? 1 : 0);
        int hdr = map.SEND_HDR.field("opcode").put(m.opcode()) | map.SEND_HDR.field("tag").put(m.tag()) | map.SEND_HDR.field("argc").put(m.argc());
        guarded(() -> { link.write(self, map.SEND_CTRL.offset(), new int[] {ctrl, hdr, m.length(), 1}, true); return 0; });
        int status;
        do {
            status = get(map.SEND_STATUS);
        } while (map.SEND_STATUS.field("pending").get(status) != 0);
        SendStatus s = SendStatus.ofCode(map.SEND_STATUS.field("status").get(status));
        if (s == SendStatus.OK && m.args().length > 0) {
            guarded(() -> { link.write(self, map.SEND_DATA.offset(), m.args(), false); return 0; });
        }
        return s;
    }

    /** A call to {@code dst}; its reply comes back with the same tag. */
    public SendStatus call(int dst, int opcode, int tag, int[] args, int length) {
        return send(new Message(self, dst, MessageKind.CALL, opcode, tag, args.length, length, args), true);
    }

    /** The reply to {@code call}: to its source, with its opcode and tag. */
    public SendStatus reply(Message call, int[] args, int length) {
        return send(new Message(self, call.src(), MessageKind.RETURN, call.opcode(), call.tag(), args.length, length, args), true);
    }

    /** RX_STATUS.presented: a message waits in the temporary memory. */
    public boolean presented() { return map.RX_STATUS.field("presented").get(get(map.RX_STATUS)) != 0; }

    /** Polls up to {@code polls} times for a message; reads it (header, then its words in one burst) and releases it. Null if none came. */
    public Message receive(int polls) {
        for (int i = 0; !presented(); i++) {
            if (i >= polls) return null;
        }
        int[] h = guarded(() -> link.read(self, map.RX_HDR0.offset(), 2, true));
        int length = map.RX_HDR1.field("length").get(h[1]);
        int words = Message.words(length);
        int[] args = words == 0 ? new int[0] : guarded(() -> link.read(self, map.RX_DATA.offset(), words, true));
        set(map.RX_RELEASE, 1);
        return new Message(map.RX_HDR0.field("source").get(h[0]), self, MessageKind.ofCode(map.RX_HDR0.field("kind").get(h[0])),
            map.RX_HDR0.field("opcode").get(h[0]), map.RX_HDR0.field("tag").get(h[0]), map.RX_HDR0.field("argc").get(h[0]), length, args);
    }

    /** The ERR bits set now (sticky until {@link #clearErrors}). */
    public List<BusError> errors() {
        int err = link.read(self, map.ERR.offset());
        List<BusError> bits = new ArrayList<>();
        for (BusError e : BusError.values()) if ((err & e.mask()) != 0) bits.add(e);
        return bits;
    }

    public int errorCount() { return link.read(self, map.ERR_COUNT.offset()); }

    public void clearErrors() { link.write(self, map.ERR.offset(), -1); }

    private interface Access<T> {
        T run();
    }

    /** Runs an access; a bus error comes back as an exception that names the ERR bits it set. */
    private <T> T guarded(Access<T> a) {
        try {
            return a.run();
        } catch (BridgeException e) {
            if (e.status() != swapipc.model.BridgeStatus.BUS_ERROR) throw e;
            throw new BridgeException("endpoint " + self + ": " + e.getMessage() + ", ERR = " + errors(), e.response);
        }
    }
}
