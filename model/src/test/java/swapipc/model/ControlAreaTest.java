package swapipc.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Figs. 6, 7 and 8 on the transaction-level model, one path each. */
class ControlAreaTest {
    private final Config cfg = Config.DEFAULT.withBuffers(4);

    private static String flags(ControlArea a) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < a.config().buffers(); i++) sb.append(a.flag(i));
        return sb.toString();
    }

    @Test
    void fig8InitializesCountFlagsAndReferences() {
        ControlArea a = new ControlArea(cfg);
        assertEquals(4, a.count());
        assertEquals("1111", flags(a));
        for (int i = 0; i < 4; i++) {
            assertEquals(new ControlArea.Allocation(AllocStatus.OK, i, 0x4000_0000L + 256L * i), a.allocate(1));
        }
        a.initialize();
        assertEquals("1111", flags(a));
    }

    @Test
    void fig6LowestFreeThenNoneThenError() {
        ControlArea a = new ControlArea(cfg);
        a.allocate(0);
        a.allocate(256);
        a.free(cfg.ref(0));
        assertEquals(0, a.allocate(10).index());
        a.allocate(10);
        a.allocate(10);
        assertEquals("0000", flags(a));
        assertEquals(AllocStatus.NONE, a.allocate(10).status());
        assertEquals(AllocStatus.ERROR, a.allocate(257).status());
        assertEquals("0000", flags(a));
        assertEquals(1, a.errors(ErrorKind.SIZE));
    }

    @Test
    void fig6ScanSwapsEveryFlagOnItsWay() {
        ControlArea a = new ControlArea(cfg.withAllocPolicy(AllocPolicy.SCAN));
        a.allocate(1);
        a.allocate(1);
        a.free(cfg.ref(0));
        assertEquals(0, a.allocate(1).index());
        assertEquals(2, a.allocate(1).index());
        assertEquals("0001", flags(a));
    }

    @Test
    void fig7FreeAndEachErrorLeaveFlagsAsTheyWere() {
        ControlArea a = new ControlArea(cfg);
        long ref = a.allocate(1).ref();
        assertEquals("0111", flags(a));
        assertEquals(FreeStatus.INVALID_REF, a.free(ref + 4));
        assertEquals(FreeStatus.INVALID_REF, a.free(cfg.poolBase() - 256));
        assertEquals(FreeStatus.INVALID_REF, a.free(cfg.ref(4)));
        assertEquals("0111", flags(a));
        assertEquals(FreeStatus.OK, a.free(ref));
        assertEquals("1111", flags(a));
        assertEquals(FreeStatus.DOUBLE_FREE, a.free(ref));
        assertEquals("1111", flags(a));
        assertEquals(3, a.errors(ErrorKind.INVALID_REF));
        assertEquals(1, a.errors(ErrorKind.DOUBLE_FREE));
    }
}
