package swapipc.model;

import java.io.ByteArrayOutputStream;

/**
 * The UART bridge's framing, for the RTL (UartBridge takes every constant from here) and the host.
 *
 * <pre>
 * request:  0x5A op endpoint addrHi addrLo count [count words, little-endian, writes only] check
 * response: 0xA5 status done words [words words, little-endian] check
 * </pre>
 * op is READ, WRITE or IDENT, plus INCREMENT for a burst over consecutive words (without it every
 * word of a burst goes to the same address: SEND_DATA, RX_DATA streams). `check` is the CRC-8
 * (polynomial 0x07, initial 0) of every byte after the sync. `done` counts the accesses done,
 * `words` the data words that follow (a READ's done ones, IDENT's {@link #IDENT_WORDS}, none for a
 * WRITE). A frame is acted on only once its check byte is right, so a bad frame changes nothing.
 * After a malformed frame the bridge drops bytes until the line has been idle for the timeout,
 * then answers once.
 */
public final class BridgeProtocol {
    public static final int REQUEST_SYNC = 0x5A;
    public static final int RESPONSE_SYNC = 0xA5;
    public static final int READ = 0x01;
    public static final int WRITE = 0x02;
    public static final int IDENT = 0x03;
    public static final int INCREMENT = 0x80;
    /** Words in one frame: one default buffer (256 bytes). */
    public static final int MAX_BURST = 64;
    /** Idle bit times inside a frame before it is abandoned (16 bytes' worth). */
    public static final int TIMEOUT_BITS = 160;
    public static final int VERSION = 1;
    /** "SWIP" */
    public static final int MAGIC = 0x53574950;
    /** IDENT's words: magic, version and shape, pool shape, clock in Hz, configuration fingerprint. */
    public static final int IDENT_WORDS = 5;

    private BridgeProtocol() {}

    public static int crc8(int crc, int b) {
        crc = (crc ^ b) & 0xFF;
        for (int i = 0; i < 8; i++) crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xFF : (crc << 1) & 0xFF;
        return crc;
    }

    /** The IDENT answer of a board built for {@code cfg} at {@code clockHz}. */
    public static int[] ident(Config cfg, int clockHz) {
        return new int[] {MAGIC, VERSION << 24 | cfg.endpoints() << 16 | MAX_BURST,
            cfg.buffers() << 16 | cfg.bufferBytes(), clockHz, fingerprint(cfg)};
    }

    /** A stable 32-bit digest of every setting (the host refuses a board built for another configuration). */
    public static int fingerprint(Config cfg) {
        return cfg.withDebugPorts(false).toMap().toString().hashCode();
    }

    public static byte[] request(int op, int endpoint, int address, int count, int[] data) {
        if (count < 1 || count > MAX_BURST) throw new IllegalArgumentException("a frame carries 1.." + MAX_BURST + " words, not " + count);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(REQUEST_SYNC);
        int[] body = {op, endpoint, address >> 8 & 0xFF, address & 0xFF, count};
        int crc = 0;
        for (int x : body) {
            b.write(x);
            crc = crc8(crc, x);
        }
        if ((op & ~INCREMENT) == WRITE) {
            if (data.length != count) throw new IllegalArgumentException(count + " words announced, " + data.length + " given");
            for (int w : data) {
                for (int k = 0; k < 4; k++) {
                    int x = w >>> (8 * k) & 0xFF;
                    b.write(x);
                    crc = crc8(crc, x);
                }
            }
        }
        b.write(crc);
        return b.toByteArray();
    }

    /** A decoded response. */
    public record Response(BridgeStatus status, int done, int[] words) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(status + " done " + done + " [");
            for (int k = 0; k < words.length; k++) sb.append(k == 0 ? "" : " ").append(String.format("%08x", words[k]));
            return sb.append(']').toString();
        }
    }

    /** Builds a response byte by byte; {@link #push} answers the response once its check byte is in. */
    public static final class Parser {
        private final int[] bytes = new int[4 + 4 * MAX_BURST + 1];
        private int n;

        /** Feeds one byte; returns the response it completes, or null. A malformed response throws. */
        public Response push(int b) {
            b &= 0xFF;
            if (n == 0 && b != RESPONSE_SYNC) throw new IllegalStateException(String.format("response starts with 0x%02x, not the sync 0x%02x", b, RESPONSE_SYNC));
            bytes[n++] = b;
            if (n == 4 && bytes[3] > MAX_BURST) throw new IllegalStateException("response announces " + bytes[3] + " words");
            if (n < 5 || n < 5 + 4 * bytes[3]) return null;
            int crc = 0;
            for (int i = 1; i < n - 1; i++) crc = crc8(crc, bytes[i]);
            if (crc != bytes[n - 1]) throw new IllegalStateException(String.format("response check 0x%02x, computed 0x%02x", bytes[n - 1], crc));
            int[] words = new int[bytes[3]];
            for (int k = 0; k < words.length; k++) {
                for (int j = 0; j < 4; j++) words[k] |= bytes[4 + 4 * k + j] << (8 * j);
            }
            Response r = new Response(BridgeStatus.ofCode(bytes[1]), bytes[2], words);
            n = 0;
            return r;
        }

        /** Bytes of an unfinished response. */
        public int pending() { return n; }
    }
}
