package swapipc.host;

import java.io.ByteArrayOutputStream;

/** Passes bytes through and keeps a copy of each direction: what went out and what came back, for transcripts and debugging. */
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

    @Override
    public void close() { inner.close(); }
}
