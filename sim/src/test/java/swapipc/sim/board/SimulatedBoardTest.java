package swapipc.sim.board;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import swapipc.host.BoardDemo;
import swapipc.host.BridgeLink;
import swapipc.host.HostDriver;
import swapipc.host.RecordingTransport;
import swapipc.model.BridgeProtocol;
import swapipc.model.BridgeProtocol.Response;
import swapipc.model.BridgeStatus;
import swapipc.model.Board;
import swapipc.model.BusError;
import swapipc.model.Config;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The iCEBreaker's BoardCore, Verilated, behind the simulated UART at the board's real divisor
 * (18 MHz / 115200 baud = 156 cycles per bit): the host library's calls end to end against the
 * model, and each kind of bad frame answered with its error frame, changing nothing.
 */
class SimulatedBoardTest {
    private static final Board BOARD = Board.ICEBREAKER;
    private static final Config CFG = BOARD.config();
    private static SimulatedBoard sim;
    private static BridgeLink link;
    private static HostDriver ep0;

    @BeforeAll
    static void build() {
        sim = new SimulatedBoard(BOARD, 4_000_000, null);
        link = new BridgeLink(sim);
        ep0 = new HostDriver(link, CFG, 0);
    }

    @AfterAll
    static void close() {
        link.close();
    }

    @Test
    void identNamesTheBoardsConfiguration() {
        assertArrayEquals(BridgeProtocol.ident(CFG, BOARD.clockHz()), link.ident());
        assertEquals(1, sim.leds() & 1, "the initDone LED is on");
    }

    @Test
    void callsAndRepliesMatchTheModel() {
        long seed = Long.getLong("swapipc.seed", 7);
        long start = sim.cycle();
        BoardDemo.Result r = BoardDemo.run(link, CFG, 12, seed);
        System.out.printf("SimulatedBoardTest: %d calls + replies, %d frames, %d cycles (seed %d)%n", r.replies(), r.frames(), sim.cycle() - start, seed);
        assertTrue(r.passed(), r.mismatches() + " (replay: ./swapipc board --sim demo --seed " + seed + ")");
    }

    /** POOL_REF, a plain read-write register: what a bad frame must leave alone. */
    private int poolRef() { return ep0.get(ep0.map().POOL_REF); }

    private Response frame(byte[] bytes) {
        Response r = link.exchange(bytes);
        System.out.println("SimulatedBoardTest: " + hex(bytes) + " -> " + r);
        return r;
    }

    private void assertRejected(BridgeStatus expected, Response r) {
        assertEquals(expected, r.status(), r.toString());
        assertEquals(0, r.done(), "nothing was done");
        assertEquals(0, r.words().length);
    }

    @Test
    void badFramesAreAnsweredAndChangeNothing() {
        int ref = (int) CFG.ref(3);
        int before = poolRef();
        int at = ep0.map().POOL_REF.offset();
        byte[] good = BridgeProtocol.request(BridgeProtocol.WRITE, 0, at, 1, new int[] {ref});

        byte[] badCheck = good.clone();
        badCheck[badCheck.length - 1] ^= 0x01;
        assertRejected(BridgeStatus.BAD_FRAME, frame(badCheck));

        byte[] unknownOp = BridgeProtocol.request(0x07, 0, at, 1, null);
        assertRejected(BridgeStatus.BAD_FRAME, frame(unknownOp));

        assertRejected(BridgeStatus.BAD_FRAME, frame(new byte[] {0x33, 0x44}));

        byte[] zeroCount = {(byte) BridgeProtocol.REQUEST_SYNC, BridgeProtocol.WRITE, 0, 0, (byte) at, 0};
        assertRejected(BridgeStatus.BAD_FRAME, frame(zeroCount));

        sim.write(Arrays.copyOf(good, 3));
        sim.writeBadStop(good[3] & 0xFF);
        assertRejected(BridgeStatus.BAD_FRAME, link.answer());

        sim.writeBadStop(BridgeProtocol.REQUEST_SYNC);
        assertRejected(BridgeStatus.BAD_FRAME, link.answer());

        sim.write(Arrays.copyOf(good, good.length - 2));
        assertRejected(BridgeStatus.TIMEOUT, link.answer());

        assertRejected(BridgeStatus.BAD_ADDRESS, frame(BridgeProtocol.request(BridgeProtocol.WRITE, CFG.endpoints(), at, 1, new int[] {ref})));
        assertRejected(BridgeStatus.BAD_ADDRESS, frame(BridgeProtocol.request(BridgeProtocol.WRITE, 0, at + 2, 1, new int[] {ref})));
        int top = 1 << ep0.map().addressBits();
        assertRejected(BridgeStatus.BAD_ADDRESS, frame(BridgeProtocol.request(BridgeProtocol.READ | BridgeProtocol.INCREMENT, 0, top - 8, 3, null)));

        assertEquals(before, poolRef(), "POOL_REF unchanged by every refused frame");
        assertEquals(List.of(), ep0.errors(), "no register access was made");
        assertEquals(BridgeStatus.OK, frame(good).status());
        assertEquals(ref, poolRef(), "the same frame, intact, is acted on");
    }

    @Test
    void aRefusedAccessEndsTheBurstWithBusError() {
        ep0.clearErrors();
        int count = ep0.errorCount();
        int id = ep0.map().ID.offset();
        // ID, then INFO (both read-only), then COUNT: the first write is refused, nothing after it is tried.
        Response r = frame(BridgeProtocol.request(BridgeProtocol.WRITE | BridgeProtocol.INCREMENT, 0, id, 3, new int[] {1, 2, 3}));
        assertEquals(BridgeStatus.BUS_ERROR, r.status());
        assertEquals(0, r.done());
        assertEquals(List.of(BusError.READ_ONLY), ep0.errors());
        assertEquals(count + 1, ep0.errorCount(), "ERR_COUNT counts the refusal");
        int[] two = link.read(0, ep0.map().COUNT.offset(), 2, true);
        assertEquals(CFG.buffers(), two[0]);
        assertEquals(CFG.bufferBytes(), two[1]);
        ep0.clearErrors();
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) sb.append(String.format("%02x ", b & 0xFF));
        return sb.toString().trim();
    }

    /**
     * The byte streams of host/src/test/resources/swapipc/host/icebreaker.transcript, replayed:
     * the board must answer every request with exactly the recorded bytes (BridgeProtocolTest
     * checks the host's encoder and parser against the same file). After a deliberate change of
     * the bridge or the board's configuration, rewrite it with -Dswapipc.recordTranscript=true.
     */
    @Test
    void theHostFixtureTranscriptIsWhatTheBoardAnswers() throws java.io.IOException {
        java.nio.file.Path file = swapipc.sim.Workspace.root().resolve("host/src/test/resources/swapipc/host/icebreaker.transcript");
        RecordingTransport rec = new RecordingTransport(sim);
        BridgeLink recorded = new BridgeLink(rec);
        if (Boolean.getBoolean("swapipc.recordTranscript")) {
            StringBuilder out = new StringBuilder("# Recorded from the simulated icebreaker board by SimulatedBoardTest (-Dswapipc.recordTranscript=true).\n"
                + "# '>' a request (after '|' its bytes; before it the BridgeProtocol.request arguments, hex: op endpoint address count words...),\n"
                + "# '<' the board's answer, '=' that answer decoded.\n");
            for (String[] step : transcriptSteps()) {
                byte[] req = step[1].isEmpty() ? RecordingTransport.unhex(step[2]) : RecordingTransport.request(step[1]);
                Response r = recorded.exchange(req);
                byte[][] io = rec.take();
                out.append("\n# ").append(step[0]).append("\n> ").append(step[1].isEmpty() ? "" : step[1] + " ").append("| ").append(RecordingTransport.hex(io[0]))
                    .append("\n< ").append(RecordingTransport.hex(io[1])).append("\n= ").append(r).append('\n');
            }
            java.nio.file.Files.writeString(file, out.toString());
        }
        int checked = 0;
        byte[] request = null;
        for (String line : java.nio.file.Files.readAllLines(file)) {
            if (line.startsWith("> ")) request = RecordingTransport.unhex(line.substring(line.indexOf('|') + 1));
            if (line.startsWith("< ")) {
                recorded.exchange(request);
                assertEquals(line.substring(2), RecordingTransport.hex(rec.take()[1]), "the answer to " + RecordingTransport.hex(request)
                    + " (if the bridge or the board configuration changed on purpose, re-record: -Dswapipc.recordTranscript=true)");
                checked++;
            }
        }
        assertTrue(checked >= 10, checked + " exchanges checked");
    }

    /** Comment, request arguments (hex) or empty, raw bytes when the frame is malformed on purpose. */
    private static List<String[]> transcriptSteps() {
        int poolRef = ep0.map().POOL_REF.offset();
        String ref = Long.toHexString(CFG.ref(2));
        return List.of(
            new String[] {"IDENT: magic, version and shape, pool shape, clock in Hz, configuration fingerprint", "03 0 0 1", ""},
            new String[] {"WRITE POOL_REF", "02 0 " + Integer.toHexString(poolRef) + " 1 " + ref, ""},
            new String[] {"READ POOL_REF", "01 0 " + Integer.toHexString(poolRef) + " 1", ""},
            new String[] {"READ | INCREMENT: COUNT and BUFFER_BYTES", "81 1 " + Integer.toHexString(ep0.map().COUNT.offset()) + " 2", ""},
            new String[] {"the WRITE POOL_REF frame with its check byte changed: BAD_FRAME", "", "5a 02 00 00 48 01 00 02 00 40 00"},
            new String[] {"an unknown operation: BAD_FRAME", "07 0 0 1", ""},
            new String[] {"a word count of 0: BAD_FRAME, answered once the line has been idle for the timeout", "", "5a 02 00 00 48 00"},
            new String[] {"endpoint 2 does not exist: BAD_ADDRESS", "01 2 0 1", ""},
            new String[] {"a write to ID (read-only): BUS_ERROR, none done", "02 0 0 1 1", ""},
            new String[] {"READ ERR: the READ_ONLY bit", "01 0 " + Integer.toHexString(ep0.map().ERR.offset()) + " 1", ""},
            new String[] {"WRITE ERR: write 1 to clear", "02 0 " + Integer.toHexString(ep0.map().ERR.offset()) + " 1 ffffffff", ""});
    }
}
