package swapipc.sim.bus;

import swapipc.model.BusError;
import swapipc.model.Message;
import swapipc.model.MessageKind;
import swapipc.model.RegisterMap;
import swapipc.model.RegisterMap.Register;
import swapipc.model.SendStatus;

import java.util.ArrayList;
import java.util.List;

/**
 * What firmware does on one endpoint's slave, in Java: the same operations, in the same register
 * order, as firmware/swapipc.c. Each call runs the system until its accesses are answered; a bus
 * error where none is expected fails with the access and the ERR bits.
 */
public final class EndpointDriver {
    private final BusSystem sys;
    private final BusClock clock;
    private final BusMaster bus;
    private final RegisterMap map;
    private final int self;

    public EndpointDriver(BusSystem sys, int endpoint) {
        this(sys, endpoint, sys);
    }

    /** A driver that waits through {@code clock} (a {@link BusPrograms} turn, for endpoints running at once). */
    public EndpointDriver(BusSystem sys, int endpoint, BusClock clock) {
        this.sys = sys;
        this.clock = clock;
        this.bus = sys.master(endpoint);
        this.map = new RegisterMap(sys.config());
        this.self = endpoint;
    }

    public RegisterMap map() { return map; }

    public int self() { return self; }

    /** One access, answered; the caller judges the error bit. */
    public BusAccess read(int address) { return clock.await(bus.read(address)); }

    public BusAccess write(int address, int data) { return clock.await(bus.write(address, data)); }

    public int get(Register r) { return ok(read(r.offset())).data(); }

    public void set(Register r, int value) { ok(write(r.offset(), value)); }

    private BusAccess ok(BusAccess a) {
        if (a.error()) {
            int err = read(map.ERR.offset()).data();
            List<String> bits = new ArrayList<>();
            for (BusError e : BusError.values()) if ((err & e.mask()) != 0) bits.add(e.name());
            throw clock.failure("endpoint " + self + ": " + a + " refused, ERR = " + bits);
        }
        return a;
    }

    /** CLAIM: a buffer reference, or {@link RegisterMap#CLAIM_NONE}. */
    public int claim() { return get(map.CLAIM); }

    /** Fig. 6 as firmware runs it: FLAG_CLAIM[0], [1], ... until a read returns 1; CLAIM_NONE after n zeros. */
    public int claimFig6() {
        for (int i = 0; i < sys.config().buffers(); i++) {
            if (ok(read(map.FLAG_CLAIM.offset() + 4 * i)).data() != 0) return (int) sys.config().ref(i);
        }
        return RegisterMap.CLAIM_NONE;
    }

    public void free(int ref) { set(map.FREE, ref); }

    public void writeWord(int ref, int k, int value) {
        set(map.POOL_REF, ref);
        ok(write(map.POOL_DATA.offset() + 4 * k, value));
    }

    public int readWord(int ref, int k) {
        set(map.POOL_REF, ref);
        return ok(read(map.POOL_DATA.offset() + 4 * k)).data();
    }

    /**
     * Sends a message: the descriptor registers, SEND_GO, SEND_STATUS polled until answered, then
     * (OK) the argument words, written back to back. Returns the send's status.
     */
    public SendStatus send(Message m, boolean blocking) {
        set(map.SEND_CTRL, map.SEND_CTRL.field("dst").put(m.dst()) | map.SEND_CTRL.field("kind").put(m.kind().code())
            | map.SEND_CTRL.field("blocking").put(blocking ? 1 : 0));
        set(map.SEND_HDR, map.SEND_HDR.field("opcode").put(m.opcode()) | map.SEND_HDR.field("tag").put(m.tag())
            | map.SEND_HDR.field("argc").put(m.argc()));
        set(map.SEND_LEN, m.length());
        set(map.SEND_GO, 1);
        int status;
        do {
            status = get(map.SEND_STATUS);
        } while (map.SEND_STATUS.field("pending").get(status) != 0);
        SendStatus s = SendStatus.ofCode(map.SEND_STATUS.field("status").get(status));
        if (s != SendStatus.OK) return s;
        List<BusAccess> words = new ArrayList<>();
        for (int w : m.args()) words.add(bus.write(map.SEND_DATA.offset(), w));
        for (BusAccess a : words) ok(clock.await(a));
        return s;
    }

    /** RX_STATUS.presented: a message waits in the temporary memory. */
    public boolean presented() { return map.RX_STATUS.field("presented").get(get(map.RX_STATUS)) != 0; }

    /** Waits (polling RX_STATUS) for a message, reads it through the window and releases it. */
    public Message receive(long limit) {
        long start = clock.cycle();
        while (!presented()) {
            if (clock.cycle() - start > limit) throw clock.failure("endpoint " + self + ": no message within " + limit + " cycles");
        }
        int h0 = get(map.RX_HDR0);
        int length = map.RX_HDR1.field("length").get(get(map.RX_HDR1));
        int[] args = new int[Message.words(length)];
        List<BusAccess> reads = new ArrayList<>();
        for (int k = 0; k < args.length; k++) reads.add(bus.read(map.RX_DATA.offset() + 4 * k));
        for (int k = 0; k < args.length; k++) args[k] = ok(clock.await(reads.get(k))).data();
        set(map.RX_RELEASE, 1);
        return new Message(map.RX_HDR0.field("source").get(h0), self, MessageKind.ofCode(map.RX_HDR0.field("kind").get(h0)),
            map.RX_HDR0.field("opcode").get(h0), map.RX_HDR0.field("tag").get(h0), map.RX_HDR0.field("argc").get(h0), length, args);
    }
}
