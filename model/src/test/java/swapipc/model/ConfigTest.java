package swapipc.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConfigTest {
    private static String error(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void rejectsEachIllegalParameterWithItsName() {
        Config d = Config.DEFAULT;
        assertEquals("buffers must be in 1..256, got 0", error(() -> d.withBuffers(0)));
        assertEquals("buffers must be in 1..256, got 257", error(() -> d.withBuffers(257)));
        assertEquals("bufferBytes must be a power of two, got 96", error(() -> d.withBufferBytes(96)));
        assertEquals("bufferBytes must be in 16..8192, got 8", error(() -> d.withBufferBytes(8)));
        assertEquals("ports must be in 1..32, got 0", error(() -> d.withPorts(0)));
        assertEquals("dataWidth must be 32 (64 is not implemented yet), got 64", error(() -> d.with("dataWidth=64")));
        assertEquals("poolBase must be a non-negative multiple of bufferBytes (256), got 0x10",
            error(() -> d.withPoolBase(0x10)));
        assertEquals("pool 0xffffff00..0x100001f00 does not fit in 32-bit references",
            error(() -> d.withPoolBase(0xffff_ff00L)));
        assertEquals("endpoints must be in 2..16, got 17", error(() -> d.withEndpoints(17)));
        assertEquals("queueDepth must be in 2..64, got 1", error(() -> d.withQueueDepth(1)));
        assertEquals("inlineBytes must be a multiple of 4, got 6", error(() -> d.withInlineBytes(6)));
        assertEquals("inlineBytes must be at most bufferBytes - 8 (an inline message is copied into a buffer-sized temporary "
            + "memory), got 12", error(() -> d.withBufferBytes(16).withInlineBytes(12)));
        assertEquals("releasePolicy must be one of EARLY, ON_RETURN, got 'later'", error(() -> d.with("releasePolicy=later")));
        assertEquals("releasePolicy=ON_RETURN needs at least 2 buffers: a call holds its buffer until its reply arrives, and a"
            + " pooled reply needs a buffer of its own; got buffers=1", error(() -> d.with("releasePolicy=ON_RETURN").withBuffers(1)));
    }

    @Test
    void parsesSettingsAndRejectsUnknownOnes() {
        Config c = Config.DEFAULT.with("buffers=64").with("allocPolicy=scan").with("poolBase=0x1000");
        assertEquals(64, c.buffers());
        assertEquals(AllocPolicy.SCAN, c.allocPolicy());
        assertEquals(0x1000, c.poolBase());
        assertEquals("unknown parameter 'bufers'; known: [buffers, bufferBytes, dataWidth, ports, allocPolicy, poolBase, endpoints, "
                + "queueDepth, inlineBytes, releasePolicy, zeroize, debugPorts, profile]",
            error(() -> c.with("bufers=3")));
        assertEquals("buffers must be a number, got 'many'", error(() -> c.with("buffers=many")));
        assertEquals("expected name=value, got 'buffers'", error(() -> c.with("buffers")));
        assertEquals("allocPolicy must be one of LOWEST_FREE, SCAN, got 'fast'", error(() -> c.with("allocPolicy=fast")));
        assertEquals(false, c.with("zeroize=false").zeroize());
        Config board = Config.DEFAULT.with("profile=icebreaker");
        assertEquals(16, board.buffers());
        assertEquals(0, board.inlineBytes());
        assertEquals(Config.DEFAULT.queueDepth(), board.queueDepth());
        assertEquals("unknown profile 'ulx3s'; known: [icebreaker]", error(() -> c.with("profile=ulx3s")));
        assertEquals("zeroize must be true or false, got 'yes'", error(() -> c.with("zeroize=yes")));
    }

    @Test
    void derivesWidthsAndReferences() {
        assertEquals(1, Config.DEFAULT.withBuffers(1).indexBits());
        assertEquals(5, Config.DEFAULT.indexBits());
        assertEquals(6, Config.DEFAULT.withBuffers(33).indexBits());
        assertEquals(6, Config.DEFAULT.countBits());
        assertEquals(9, Config.DEFAULT.withBuffers(256).countBits());
        assertEquals(0x4000_0100L, Config.DEFAULT.ref(1));
        assertEquals(1, Config.DEFAULT.indexOf(0x4000_0100L));
        assertEquals(-1, Config.DEFAULT.indexOf(0x4000_0101L));
        assertEquals(-1, Config.DEFAULT.indexOf(0x3fff_ff00L));
        assertEquals(-1, Config.DEFAULT.indexOf(Config.DEFAULT.ref(31) + 256));
    }
}
