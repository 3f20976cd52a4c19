package swapipc.host;

import org.junit.jupiter.api.Test;
import swapipc.model.BridgeProtocol;
import swapipc.model.BridgeProtocol.Response;
import swapipc.model.BridgeStatus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The host's framing: CRC, request encoding and response parsing, on the byte streams the simulated board produced. */
class BridgeProtocolTest {
    @Test
    void crcIsCrc8WithPolynomial07() {
        int crc = 0;
        for (byte b : "123456789".getBytes(StandardCharsets.US_ASCII)) crc = BridgeProtocol.crc8(crc, b & 0xFF);
        assertEquals(0xF4, crc, "the catalogued check value of CRC-8 (poly 0x07, init 0)");
    }

    /** Each request of the transcript encodes to its recorded bytes; each recorded answer decodes to its recorded meaning. */
    @Test
    void theBoardTranscriptEncodesAndDecodes() throws IOException {
        List<String> lines;
        try (InputStream in = getClass().getResourceAsStream("icebreaker.transcript")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        int requests = 0;
        int answers = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("> ") && !line.substring(2).startsWith("|")) {
                String spec = line.substring(2, line.indexOf('|')).trim();
                assertEquals(line.substring(line.indexOf('|') + 1).trim(), RecordingTransport.hex(RecordingTransport.request(spec)), line);
                requests++;
            }
            if (line.startsWith("< ")) {
                BridgeProtocol.Parser parser = new BridgeProtocol.Parser();
                byte[] bytes = RecordingTransport.unhex(line.substring(2));
                Response r = null;
                for (int k = 0; k < bytes.length; k++) {
                    r = parser.push(bytes[k]);
                    if (k < bytes.length - 1) assertNull(r, "complete before its last byte: " + line);
                }
                assertEquals(lines.get(i + 1).substring(2), String.valueOf(r), line);
                answers++;
            }
        }
        assertTrue(requests >= 8 && answers >= 10, requests + " requests, " + answers + " answers");
    }

    @Test
    void malformedAnswersAreRefusedWithTheReason() {
        assertTrue(assertThrows(IllegalStateException.class, () -> new BridgeProtocol.Parser().push(0x00)).getMessage().contains("sync"));
        BridgeProtocol.Parser p = new BridgeProtocol.Parser();
        for (int b : new int[] {0xA5, 0x00, 0x01, 0x00}) p.push(b);
        assertTrue(assertThrows(IllegalStateException.class, () -> p.push(0x00)).getMessage().contains("check"));
        BridgeProtocol.Parser q = new BridgeProtocol.Parser();
        for (int b : new int[] {0xA5, 0x00, 0x01}) q.push(b);
        assertTrue(assertThrows(IllegalStateException.class, () -> q.push(BridgeProtocol.MAX_BURST + 1)).getMessage().contains("words"));
    }

    @Test
    void aRequestCarriesOneToMaxBurstWords() {
        assertThrows(IllegalArgumentException.class, () -> BridgeProtocol.request(BridgeProtocol.READ, 0, 0, 0, null));
        assertThrows(IllegalArgumentException.class, () -> BridgeProtocol.request(BridgeProtocol.READ, 0, 0, BridgeProtocol.MAX_BURST + 1, null));
        assertThrows(IllegalArgumentException.class, () -> BridgeProtocol.request(BridgeProtocol.WRITE, 0, 0, 2, new int[1]));
    }

    /** A link over a scripted board: long bursts are split into frames, a refusal throws with its status, silence too. */
    @Test
    void theLinkSplitsBurstsAndReportsRefusals() {
        Scripted board = new Scripted();
        BridgeLink link = new BridgeLink(board);
        int n = BridgeProtocol.MAX_BURST + 3;
        board.answer(BridgeStatus.OK, BridgeProtocol.MAX_BURST, new int[BridgeProtocol.MAX_BURST]);
        board.answer(BridgeStatus.OK, 3, new int[] {7, 8, 9});
        int[] words = link.read(0, 0x100, n, true);
        assertEquals(n, words.length);
        assertArrayEquals(new int[] {7, 8, 9}, java.util.Arrays.copyOfRange(words, BridgeProtocol.MAX_BURST, n));
        assertEquals(2, board.frames, "two frames for " + n + " words");
        assertEquals(0x100 + 4 * BridgeProtocol.MAX_BURST, board.lastAddress, "the second frame continues where the first ended");

        board.answer(BridgeStatus.BAD_ADDRESS, 0, new int[0]);
        BridgeException e = assertThrows(BridgeException.class, () -> link.write(0, 0x3FC, new int[] {1, 2}, true));
        assertEquals(BridgeStatus.BAD_ADDRESS, e.status());
        assertTrue(e.getMessage().contains("BAD_ADDRESS"), e.getMessage());

        BridgeException silent = assertThrows(BridgeException.class, () -> link.read(0, 0));
        assertNull(silent.status());
        assertTrue(silent.getMessage().contains("no answer"), silent.getMessage());
    }

    /** Answers queued by the test, in order; records the requests' frame count and last address. */
    private static final class Scripted implements Transport {
        private final java.util.ArrayDeque<Integer> out = new java.util.ArrayDeque<>();
        int frames;
        int lastAddress;

        void answer(BridgeStatus s, int done, int[] words) {
            int[] head = {s.code(), done, words.length};
            out.add(BridgeProtocol.RESPONSE_SYNC);
            int crc = 0;
            for (int b : head) {
                out.add(b);
                crc = BridgeProtocol.crc8(crc, b);
            }
            for (int w : words) {
                for (int k = 0; k < 4; k++) {
                    int b = w >>> (8 * k) & 0xFF;
                    out.add(b);
                    crc = BridgeProtocol.crc8(crc, b);
                }
            }
            out.add(crc);
        }

        @Override
        public void write(byte[] bytes) {
            frames++;
            lastAddress = (bytes[3] & 0xFF) << 8 | bytes[4] & 0xFF;
        }

        @Override
        public int read() { return out.isEmpty() ? -1 : out.poll(); }

        @Override
        public void close() {}
    }
}
