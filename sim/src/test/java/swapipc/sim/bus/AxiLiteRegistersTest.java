package swapipc.sim.bus;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import swapipc.model.BusError;
import swapipc.model.BusKind;
import swapipc.model.Config;
import swapipc.model.Message;
import swapipc.model.MessageKind;
import swapipc.model.SendStatus;

import java.util.EnumSet;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The endpoint slave's registers over AXI4-Lite, on the default configuration (addresses from the
 * generated {@link Regs}): identity, the BufferPort registers, a call and its reply, the interrupt,
 * and every ERR bit provoked from the bus, answered SLVERR, and changing nothing but ERR and ERR_COUNT.
 */
class AxiLiteRegistersTest {
    private BusSystem sys;
    private EndpointDriver ep0;
    private EndpointDriver ep1;

    @BeforeEach
    void start() {
        sys = new BusSystem(Config.DEFAULT, BusKind.AXI4_LITE, 1, "mvn -pl sim test -Dtest=AxiLiteRegistersTest");
        ep0 = new EndpointDriver(sys, 0);
        ep1 = new EndpointDriver(sys, 1);
    }

    @AfterEach
    void stop() {
        sys.close();
    }

    private int read(EndpointDriver ep, int address) {
        BusAccess a = ep.read(address);
        assertFalse(a.error(), a + " refused");
        return a.data();
    }

    @Test
    void identifiesItselfAndShowsTheControlArea() {
        for (EndpointDriver ep : new EndpointDriver[] {ep0, ep1}) {
            assertEquals(Regs.MAGIC, read(ep, Regs.ID));
            int info = read(ep, Regs.INFO);
            assertEquals(ep.self(), (info & Regs.INFO_SELF_MASK) >>> Regs.INFO_SELF_LSB);
            assertEquals(2, (info & Regs.INFO_ENDPOINTS_MASK) >>> Regs.INFO_ENDPOINTS_LSB);
            assertEquals(32, read(ep, Regs.COUNT));
            assertEquals(256, read(ep, Regs.BUFFER_BYTES));
            assertEquals(0x40000000, read(ep, Regs.POOL_BASE));
            assertEquals(32, read(ep, Regs.FREE_COUNT));
            assertEquals(0xFFFFFFFF, read(ep, Regs.FLAGS));
        }
    }

    @Test
    void claimWriteReadFreeThroughThePoolWindow() {
        int ref = ep0.claim();
        assertEquals(0x40000000, ref, "LOWEST_FREE claims buffer 0 first");
        assertEquals(0xFFFFFFFE, read(ep0, Regs.FLAGS));
        for (int k = 0; k < Regs.POOL_DATA_WORDS; k++) ep0.writeWord(ref, k, 0x1000 + k);
        for (int k = 0; k < Regs.POOL_DATA_WORDS; k++) assertEquals(0x1000 + k, ep0.readWord(ref, k));
        ep0.free(ref);
        sys.run(() -> read(ep0, Regs.FREE_COUNT) == 32, 1000, "free (zeroize) to finish");
        assertEquals(0xFFFFFFFF, read(ep0, Regs.FLAGS));
        int again = ep0.claim();
        assertEquals(ref, again);
        assertEquals(0, ep0.readWord(again, 5), "zeroized before it was free again");
        ep0.free(again);
    }

    @Test
    void aFlagClaimReadSwapsTheFlagAndReturnsItsOldValue() {
        int at = Regs.FLAG_CLAIM + 4 * 7;
        assertEquals(1, read(ep1, at), "buffer 7 was free: the read wins it");
        assertEquals(0, read(ep1, at), "now it is allocated: 0, and nothing changes");
        assertEquals(0, read(ep0, at), "another endpoint loses it too");
        assertEquals(0xFFFFFF7F, read(ep0, Regs.FLAGS));
        int ref = 0x40000000 + 7 * 256;
        ep1.writeWord(ref, 3, 42);
        assertEquals(42, ep1.readWord(ref, 3), "the buffer is the reader's");
        assertEquals(0, read(ep0, Regs.ERR), "losing a flag is an answer, not an error");
        ep1.free(ref);
        sys.run(() -> read(ep0, Regs.FLAGS) == 0xFFFFFFFF, 1000, "the free");
        assertEquals(0x40000000, ep0.claimFig6(), "the Fig. 6 loop takes the lowest free flag");
        ep0.free(0x40000000);
    }

    @Test
    void claimAnswersNoneWhenThePoolIsEmpty() {
        int[] refs = new int[32];
        for (int i = 0; i < 32; i++) refs[i] = ep0.claim();
        assertEquals(Regs.CLAIM_NONE, ep1.claim());
        assertEquals(0, read(ep1, Regs.ERR), "NONE is an answer, not an error");
        for (int r : refs) ep0.free(r);
    }

    @Test
    void aCallAndItsReplyOfEveryLength() {
        for (int length = 0; length <= Config.DEFAULT.maxArgBytes(); length += length < 16 ? 1 : 37) {
            int[] args = new int[Message.words(length)];
            for (int k = 0; k < args.length; k++) args[k] = length * 1000 + k;
            Message call = new Message(0, 1, MessageKind.CALL, 7, length & 0xFF, 2, length, args);
            assertEquals(SendStatus.OK, ep0.send(call, false));
            Message got = ep1.receive(5000);
            assertTrue(call.sameContent(got), "sent " + call + ", received " + got);
            Message reply = new Message(1, 0, MessageKind.RETURN, 7, call.tag(), 1, 4, new int[] {~length});
            assertEquals(SendStatus.OK, ep1.send(reply, false));
            assertTrue(reply.sameContent(ep0.receive(5000)));
        }
        sys.run(() -> read(ep0, Regs.FREE_COUNT) == 32, 1000, "every buffer back");
    }

    @Test
    void theInterruptIsALevelUntilTheQueueIsDrained() {
        ep1.set(ep1.map().IRQ_THRESHOLD, 2);
        ep1.set(ep1.map().IRQ_ENABLE, 1);
        Message m = new Message(0, 1, MessageKind.CALL, 1, 1, 0, 0, new int[0]);
        ep0.send(m, false);
        sys.run(() -> read(ep1, Regs.RX_STATUS) != 0, 1000, "the first message to arrive");
        for (int i = 0; i < 20; i++) sys.step();
        assertFalse(sys.irq(1), "one message is below the threshold of 2");
        ep0.send(m, false);
        sys.run(() -> sys.irq(1), 1000, "irq at two messages");
        assertEquals(1, read(ep1, Regs.IRQ_STATUS));
        ep1.receive(100);
        ep1.receive(1000);
        for (int i = 0; i < 5; i++) sys.step();
        assertFalse(sys.irq(1), "drained");
    }

    /** The state a refused access must leave alone, read from both endpoints. */
    private int[] snapshot() {
        int[] regs = {Regs.FREE_COUNT, Regs.FLAGS, Regs.POOL_REF, Regs.SEND_CTRL, Regs.SEND_HDR, Regs.SEND_LEN, Regs.SEND_STATUS,
            Regs.RX_STATUS, Regs.IRQ_ENABLE, Regs.IRQ_THRESHOLD};
        int[] s = new int[2 * regs.length];
        for (int i = 0; i < regs.length; i++) {
            s[i] = read(ep0, regs[i]);
            s[regs.length + i] = read(ep1, regs[i]);
        }
        return s;
    }

    /** {@code access} must be refused with SLVERR and set exactly {@code expected} on {@code ep}. */
    private void refused(BusError expected, EndpointDriver ep, Consumer<EndpointDriver> setUp, java.util.function.Function<EndpointDriver, BusAccess> access) {
        setUp.accept(ep);
        int[] before = snapshot();
        int count = read(ep, Regs.ERR_COUNT);
        BusAccess a = access.apply(ep);
        assertTrue(a.error(), a + " must be refused (" + expected + ")");
        assertEquals(expected.mask(), read(ep, Regs.ERR), expected + ": ERR after " + a);
        assertEquals(count + 1, read(ep, Regs.ERR_COUNT));
        assertArrayEquals(before, snapshot(), expected + ": " + a + " changed something besides ERR");
        assertFalse(ep.write(Regs.ERR, expected.mask()).error());
        assertEquals(0, read(ep, Regs.ERR), "write 1 clears");
        provoked.add(expected);
    }

    private static final Consumer<EndpointDriver> NOTHING = ep -> {};
    private final EnumSet<BusError> provoked = EnumSet.noneOf(BusError.class);

    @Test
    void everyErrorBitIsProvokedFromTheBus() {
        refused(BusError.BAD_ADDRESS, ep0, NOTHING, ep -> ep.read(0x0A0));
        refused(BusError.BAD_ADDRESS, ep0, NOTHING, ep -> ep.write(0x3F0, 1));
        refused(BusError.BAD_ADDRESS, ep0, NOTHING, ep -> ep.read(Regs.CLAIM + 1));
        refused(BusError.BAD_ADDRESS, ep0, NOTHING, ep -> ep.read(Regs.RX_DATA + 4 * Regs.RX_DATA_WORDS));
        refused(BusError.READ_ONLY, ep0, NOTHING, ep -> ep.write(Regs.FREE_COUNT, 0));
        refused(BusError.READ_ONLY, ep0, NOTHING, ep -> ep.write(Regs.CLAIM, 0));
        refused(BusError.PARTIAL_WRITE, ep0, NOTHING, ep -> sys.await(sys.master(ep.self()).write(Regs.SEND_CTRL, 1, 0x3)));
        refused(BusError.NO_SEND, ep0, NOTHING, ep -> ep.write(Regs.SEND_DATA, 5));
        refused(BusError.RX_EMPTY, ep1, NOTHING, ep -> ep.read(Regs.RX_HDR0));
        refused(BusError.RX_EMPTY, ep1, NOTHING, ep -> ep.read(Regs.RX_DATA));
        refused(BusError.RX_EMPTY, ep1, NOTHING, ep -> ep.write(Regs.RX_RELEASE, 1));
        refused(BusError.INVALID_REF, ep0, NOTHING, ep -> ep.write(Regs.FREE, 0x12345678));
        refused(BusError.INVALID_REF, ep0, ep -> ep.set(ep.map().POOL_REF, 0x40000004), ep -> ep.read(Regs.POOL_DATA));
        refused(BusError.DOUBLE_FREE, ep0, NOTHING, ep -> ep.write(Regs.FREE, 0x40000100));
        int mine = ep0.claim();
        refused(BusError.FOREIGN, ep1, NOTHING, ep -> ep.write(Regs.FREE, mine));
        refused(BusError.FOREIGN, ep1, ep -> ep.set(ep.map().POOL_REF, mine), ep -> ep.write(Regs.POOL_DATA, 9));
        // A send whose words are not all written yet: a second SEND_GO is refused.
        Message pending = new Message(0, 1, MessageKind.CALL, 3, 3, 1, 16, new int[] {1, 2, 3, 4});
        ep0.set(ep0.map().SEND_LEN, 16);
        ep0.set(ep0.map().SEND_CTRL, 1);
        ep0.set(ep0.map().SEND_GO, 1);
        sys.run(() -> (read(ep0, Regs.SEND_STATUS) & Regs.SEND_STATUS_PENDING_MASK) == 0, 1000, "the send's answer");
        refused(BusError.SEND_BUSY, ep0, NOTHING, ep -> ep.write(Regs.SEND_GO, 1));
        for (int w : pending.args()) ep0.set(ep0.map().SEND_DATA, w);
        assertEquals(16, ep1.receive(1000).length());
        ep0.free(mine);
        assertEquals(EnumSet.allOf(BusError.class), provoked, "an ERR bit without a directed test");
    }
}
