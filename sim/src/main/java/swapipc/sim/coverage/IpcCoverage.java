package swapipc.sim.coverage;

import swapipc.model.AccessStatus;
import swapipc.model.BufferOp;
import swapipc.model.Config;
import swapipc.model.Message;
import swapipc.model.MessageKind;
import swapipc.model.SendStatus;

/**
 * The IpcUnit's functional coverage model (docs/coverage.md "Functional coverage" lists each goal
 * and the testplan row that reaches it). IpcHarness and its BufferPort scoreboard sample it from
 * the transactions they reconstruct; {@link #declare} states the goals of the default suite.
 */
public final class IpcCoverage {
    public static final String SEND = "send answer";
    public static final String LENGTH = "message length";
    public static final String SELF = "message to oneself";
    public static final String QUEUE = "queue";
    public static final String POOL_EMPTY = "pool empty";
    public static final String BUFFER_PORT = "BufferPort answer";
    public static final String CONTENTION = "same cycle";
    public static final String RESET = "reset";
    public static final String HELD = "answer held";

    private IpcCoverage() {}

    /** The goals: every bin once, merged over the default suite's coverage runs. */
    public static FunctionalCoverage declare(FunctionalCoverage c) {
        for (String b : new String[] {"OK CALL", "OK RETURN", "NONE", "TOO_LONG", "BAD_DEST"}) c.declare(SEND, b, 1);
        for (String b : new String[] {"0 bytes", "1 word", "inline", "inline + 1", "buffer-long"}) c.declare(LENGTH, b, 1);
        c.declare(SELF, "CALL", 1).declare(SELF, "RETURN", 1);
        c.declare(QUEUE, "full, a sender held by it", 1).declare(QUEUE, "a sender waits for a buffer", 1);
        c.declare(POOL_EMPTY, "send OK", 1).declare(POOL_EMPTY, "send NONE", 1).declare(POOL_EMPTY, "CLAIM NONE", 1);
        for (String b : new String[] {"CLAIM OK", "CLAIM NONE", "READ OK", "WRITE OK", "FREE OK", "READ OUT_OF_RANGE", "WRITE OUT_OF_RANGE",
            "READ FOREIGN", "WRITE FOREIGN", "FREE FOREIGN", "READ INVALID_REF", "WRITE INVALID_REF", "FREE INVALID_REF", "FREE DOUBLE_FREE"}) {
            c.declare(BUFFER_PORT, b, 1);
        }
        c.declare(CONTENTION, "two allocations", 1).declare(CONTENTION, "two frees", 1).declare(CONTENTION, "an allocation and a free", 1);
        c.declare(CONTENTION, "allocations on endpoints 0 and 1", 1);
        c.declare(RESET, "mid-traffic", 1);
        c.declare(HELD, "send answer", 1).declare(HELD, "BufferPort answer", 1);
        return c;
    }

    /** A send's answer, taken; {@code poolEmpty}: no buffer was free in that cycle. */
    public static void send(FunctionalCoverage c, Message m, SendStatus got, boolean poolEmpty) {
        c.hit(SEND, got == SendStatus.OK ? "OK " + m.kind() : got.name());
        if (poolEmpty) c.hit(POOL_EMPTY, "send " + got);
    }

    /** A message taken by its receiver {@code e}. */
    public static void delivered(FunctionalCoverage c, Config cfg, Message m, int e) {
        int len = m.length();
        if (len == 0) c.hit(LENGTH, "0 bytes");
        if (len == 4) c.hit(LENGTH, "1 word");
        if (len == cfg.inlineBytes()) c.hit(LENGTH, "inline");
        if (len == cfg.inlineBytes() + 1) c.hit(LENGTH, "inline + 1");
        if (len == cfg.maxArgBytes()) c.hit(LENGTH, "buffer-long");
        if (m.src() == e) c.hit(SELF, m.kind() == MessageKind.CALL ? "CALL" : "RETURN");
    }

    /** A BufferPort answer, taken. */
    public static void buffer(FunctionalCoverage c, BufferOp op, AccessStatus got, boolean poolEmpty) {
        c.hit(BUFFER_PORT, op + " " + got);
        if (poolEmpty && op == BufferOp.CLAIM && got == AccessStatus.NONE) c.hit(POOL_EMPTY, "CLAIM NONE");
    }

    /** This cycle's trace events: buffers allocated (sends, claims) and freed (copies, BufferPort frees) per endpoint. */
    public static void contention(FunctionalCoverage c, boolean[] allocated, boolean[] freed) {
        int allocs = 0;
        int frees = 0;
        for (boolean a : allocated) allocs += a ? 1 : 0;
        for (boolean f : freed) frees += f ? 1 : 0;
        if (allocs >= 2) c.hit(CONTENTION, "two allocations");
        if (frees >= 2) c.hit(CONTENTION, "two frees");
        if (allocs >= 1 && frees >= 1) c.hit(CONTENTION, "an allocation and a free");
        for (int i = 0; i < allocated.length; i++) {
            for (int j = i + 1; j < allocated.length; j++) if (allocated[i] && allocated[j]) c.hit(CONTENTION, "allocations on endpoints " + i + " and " + j);
        }
    }
}
