package swapipc.host;

import swapipc.model.BridgeProtocol;
import swapipc.model.BridgeProtocol.Response;
import swapipc.model.BridgeStatus;
import swapipc.model.Config;

import java.util.Arrays;

/**
 * Register accesses over the bridge: one frame out, one answer back (frames are never
 * pipelined: the bridge drops what arrives while it answers). Bursts longer than a frame are
 * split. Non-OK answers throw {@link BridgeException}, except through {@link #exchange}.
 */
public final class BridgeLink implements AutoCloseable {
    private final Transport transport;
    private final BridgeProtocol.Parser parser = new BridgeProtocol.Parser();
    private long frames;

    public BridgeLink(Transport transport) { this.transport = transport; }

    public Transport transport() { return transport; }

    /** Frames answered so far. */
    public long frames() { return frames; }

    /** Sends raw bytes and returns the answer they provoke (any status). */
    public Response exchange(byte[] bytes) {
        transport.write(bytes);
        return answer();
    }

    /** Reads the next answer from the board. */
    public Response answer() {
        while (true) {
            int b = transport.read();
            if (b < 0) {
                throw new BridgeException("no answer from the board (" + parser.pending() + " bytes of an answer) after frame " + frames, null);
            }
            Response r = parser.push(b);
            if (r != null) {
                frames++;
                return r;
            }
        }
    }

    public int read(int endpoint, int address) { return read(endpoint, address, 1, false)[0]; }

    /** {@code count} words from {@code address} (incrementing) or all from it (a stream register). */
    public int[] read(int endpoint, int address, int count, boolean increment) {
        int[] out = new int[count];
        for (int at = 0; at < count; at += BridgeProtocol.MAX_BURST) {
            int n = Math.min(BridgeProtocol.MAX_BURST, count - at);
            int op = BridgeProtocol.READ | (increment ? BridgeProtocol.INCREMENT : 0);
            Response r = ok(BridgeProtocol.request(op, endpoint, address + (increment ? 4 * at : 0), n, null), endpoint, address);
            System.arraycopy(r.words(), 0, out, at, n);
        }
        return out;
    }

    public void write(int endpoint, int address, int value) { write(endpoint, address, new int[] {value}, false); }

    public void write(int endpoint, int address, int[] words, boolean increment) {
        for (int at = 0; at < words.length; at += BridgeProtocol.MAX_BURST) {
            int n = Math.min(BridgeProtocol.MAX_BURST, words.length - at);
            int op = BridgeProtocol.WRITE | (increment ? BridgeProtocol.INCREMENT : 0);
            ok(BridgeProtocol.request(op, endpoint, address + (increment ? 4 * at : 0), n, Arrays.copyOfRange(words, at, at + n)), endpoint, address);
        }
    }

    /** The board's IDENT words (see {@link BridgeProtocol#ident}). */
    public int[] ident() {
        return ok(BridgeProtocol.request(BridgeProtocol.IDENT, 0, 0, 1, null), 0, 0).words();
    }

    /** Fails unless the board was built for {@code cfg} with this protocol. */
    public void expect(Config cfg) {
        int[] id = ident();
        if (id.length != BridgeProtocol.IDENT_WORDS || id[0] != BridgeProtocol.MAGIC) {
            throw new BridgeException("not a swapipc board: IDENT answered " + Arrays.toString(id), null);
        }
        if (id[1] >>> 24 != BridgeProtocol.VERSION) {
            throw new BridgeException("board speaks bridge protocol " + (id[1] >>> 24) + ", this host " + BridgeProtocol.VERSION, null);
        }
        if (id[4] != BridgeProtocol.fingerprint(cfg)) {
            throw new BridgeException(String.format("board built for another configuration (%d endpoints, %d buffers of %d bytes, fingerprint %08x; expected %08x)",
                id[1] >>> 16 & 0xFF, id[2] >>> 16, id[2] & 0xFFFF, id[4], BridgeProtocol.fingerprint(cfg)), null);
        }
    }

    private Response ok(byte[] frame, int endpoint, int address) {
        Response r = exchange(frame);
        if (r.status() != BridgeStatus.OK) {
            throw new BridgeException(String.format("endpoint %d, address 0x%03x: %s (%s) after %d accesses", endpoint, address,
                r.status(), r.status().meaning, r.done()), r);
        }
        return r;
    }

    @Override
    public void close() { transport.close(); }
}
