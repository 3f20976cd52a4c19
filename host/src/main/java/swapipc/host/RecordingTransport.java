package swapipc.host;

import swapipc.model.BridgeProtocol;

import java.io.ByteArrayOutputStream;

/** Passes bytes through and keeps a copy of each direction: what went out and what came back, for transcripts and debugging; and the transcripts' hex forms. */
public final class RecordingTransport implements Transport {
    private final Transport inner;
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    public RecordingTransport(Transport inner) { this.inner = inner; }

    @Override
    public void write(byte[] bytes) {
        sent.writeBytes(bytes);
        inner.write(bytes);
    }

    @Override
    public int read() {
        int b = inner.read();
        if (b >= 0) received.write(b);
        return b;
    }

    /** The bytes sent and received since the last call, and forgets them. */
    public byte[][] take() {
        byte[][] both = {sent.toByteArray(), received.toByteArray()};
        sent.reset();
        received.reset();
        return both;
    }

    public static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) sb.append(sb.length() == 0 ? "" : " ").append(String.format("%02x", b & 0xFF));
        return sb.toString();
    }

    public static byte[] unhex(String s) {
        String[] parts = s.trim().split("\\s+");
        byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) out[i] = (byte) Integer.parseInt(parts[i], 16);
        return out;
    }

    /** A transcript's request: "op endpoint address count words..." in hex, as {@link BridgeProtocol#request} takes them. */
    public static byte[] request(String spec) {
        String[] f = spec.trim().split("\\s+");
        int op = Integer.parseInt(f[0], 16);
        int[] data = new int[f.length - 4];
        for (int i = 0; i < data.length; i++) data[i] = (int) Long.parseLong(f[4 + i], 16);
        return BridgeProtocol.request(op, Integer.parseInt(f[1], 16), Integer.parseInt(f[2], 16), Integer.parseInt(f[3], 16),
            (op & ~BridgeProtocol.INCREMENT) == BridgeProtocol.WRITE ? data : null);
    }

    @Override
    public void close() { inner.close(); }
}
