package swapipc.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The transaction-level protocol on its own, and as a scoreboard that refuses illegal RTL events. */
class IpcModelTest {
    private static Message call(int src, int dst, int tag, int length) {
        int[] args = new int[Message.words(length)];
        for (int k = 0; k < args.length; k++) args[k] = tag * 1000 + k;
        return new Message(src, dst, MessageKind.CALL, 7, tag, args.length, length, args);
    }

    private static Message reply(Message call, int length) {
        return new Message(call.dst(), call.src(), MessageKind.RETURN, call.opcode(), call.tag(), 0, length,
            new int[Message.words(length)]);
    }

    @Test
    void earlyFreesTheCallBufferOnReceiptAndTheReplyTakesANewOne() {
        IpcModel m = new IpcModel(Config.DEFAULT);
        Message c = call(0, 1, 5, 64);
        assertEquals(AllocStatus.OK, m.send(c).status());
        assertEquals(1, m.allocated());
        assertTrue(c.sameContent(m.deliver(1, 0)), "the callee gets the call as sent");
        assertEquals(0, m.allocated(), "EARLY: free as soon as copied");
        m.send(reply(c, 64));
        assertEquals(MessageKind.RETURN, m.deliver(0, 1).kind());
        assertEquals(0, m.allocated());
        assertEquals(1, m.peakAllocated());
    }

    @Test
    void onReturnHoldsTheCallBufferUntilTheReplyArrives() {
        IpcModel m = new IpcModel(Config.DEFAULT.withReleasePolicy(ReleasePolicy.ON_RETURN));
        Message c = call(0, 1, 5, 64);
        m.send(c);
        m.deliver(1, 0);
        assertEquals(1, m.allocated(), "ON_RETURN: the call's buffer is held");
        m.send(reply(c, 64));
        assertEquals(2, m.allocated());
        m.deliver(0, 1);
        assertEquals(0, m.allocated(), "both buffers back when the reply is received");
        assertEquals(2, m.peakAllocated());
    }

    @Test
    void inlineMessagesTakeNoBufferAndBadSendsAreNamed() {
        IpcModel m = new IpcModel(Config.DEFAULT);
        assertEquals(SendStatus.OK, m.admit(call(0, 1, 1, 8)));
        assertTrue(m.inline(call(0, 1, 1, 8)));
        m.send(call(0, 1, 1, 8));
        assertEquals(0, m.allocated());
        assertEquals(SendStatus.BAD_DEST, m.admit(call(0, 2, 1, 64)));
        assertEquals(SendStatus.TOO_LONG, m.admit(call(0, 1, 1, 249)));
    }

    @Test
    void perPairOrderIsKept() {
        IpcModel m = new IpcModel(Config.DEFAULT);
        for (int tag = 0; tag < 5; tag++) m.send(call(0, 1, tag, 16));
        for (int tag = 0; tag < 5; tag++) assertEquals(tag, m.deliver(1, 0).tag());
    }

    @Test
    void asScoreboardItRefusesIllegalEvents() {
        IpcModel m = new IpcModel(Config.DEFAULT);
        Message c = call(0, 1, 5, 64);
        m.granted(c, 3);
        IllegalStateException twice = assertThrows(IllegalStateException.class, () -> m.granted(call(1, 0, 6, 64), 3));
        assertTrue(twice.getMessage().contains("buffer 3 granted while allocated"), twice.getMessage());
        IllegalStateException wrongFreer = assertThrows(IllegalStateException.class, () -> m.freed(0, 3));
        assertTrue(wrongFreer.getMessage().contains("only endpoint 1 may"), wrongFreer.getMessage());
        IllegalStateException notFreed = assertThrows(IllegalStateException.class, () -> m.delivered(1, 0));
        assertTrue(notFreed.getMessage().contains("still allocated"), notFreed.getMessage());
        assertThrows(IllegalStateException.class, () -> m.delivered(0, 1), "nothing was sent from 1 to 0");
        assertThrows(IllegalStateException.class, () -> m.granted(call(0, 1, 7, 8), 4), "inline messages take no buffer");
    }

    /** BufferPort decisions: only the claimer may touch a claimed buffer; a posted message's buffer is its receiver's. */
    @Test
    void ownersDecideBufferPortCommands() {
        Config cfg = Config.DEFAULT;
        IpcModel m = new IpcModel(cfg);
        Owners o = m.owners();
        m.claimed(0, 2);
        assertEquals(OwnerKind.CLAIMED, o.kind(2));
        assertEquals(AccessStatus.OK, o.decide(0, BufferOp.WRITE, cfg.ref(2), 3, false));
        o.write(2, 3, 42);
        assertEquals(42, o.read(2, 3));
        assertEquals(0, o.read(2, 4), "zeroize: unwritten words read 0");
        assertEquals(null, new Owners(cfg.withZeroize(false)).read(0, 0), "without zeroize an unwritten word may hold anything");
        assertEquals(AccessStatus.FOREIGN, o.decide(1, BufferOp.READ, cfg.ref(2), 3, false));
        assertEquals(AccessStatus.FOREIGN, o.decide(1, BufferOp.FREE, cfg.ref(2), 0, false));
        assertEquals(AccessStatus.OUT_OF_RANGE, o.decide(0, BufferOp.READ, cfg.ref(2), cfg.bufferWords(), false));
        assertEquals(AccessStatus.INVALID_REF, o.decide(0, BufferOp.READ, cfg.ref(2) + 4, 0, false));
        assertEquals(AccessStatus.DOUBLE_FREE, o.decide(0, BufferOp.FREE, cfg.ref(5), 0, true));
        assertThrows(IllegalStateException.class, () -> m.claimed(1, 2), "a claimed buffer is not free");
        assertThrows(IllegalStateException.class, () -> m.released(1, 2), "only the claimer releases");
        m.released(0, 2);
        assertEquals(OwnerKind.NONE, o.kind(2));

        Message c = call(0, 1, 5, 64);
        m.granted(c, 3);
        assertEquals(OwnerKind.MESSAGE.code() | 0 << OwnerKind.BITS, o.code(3), "the sender's until posted");
        m.posted(3);
        assertEquals(OwnerKind.MESSAGE.code() | 1 << OwnerKind.BITS, o.code(3), "the receiver's once posted");
        assertEquals(AccessStatus.FOREIGN, o.decide(0, BufferOp.WRITE, cfg.ref(3), 0, false), "the sender cannot change a sent message");
        assertThrows(IllegalStateException.class, () -> m.posted(3), "posted twice");
        m.freed(1, 3);
        assertEquals(OwnerKind.NONE, o.kind(3));
    }
}
