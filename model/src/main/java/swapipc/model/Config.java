package swapipc.model;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one parameter object of a swapipc control area. The RTL generator, the reference model,
 * the simulation bridge and the docs all read their parameters from here; construction
 * validates every field, so an illegal configuration never reaches elaboration.
 *
 * @param buffers     n, buffers in the pool (the seed's count field, Fig. 5 item 501)
 * @param bufferBytes bytes per buffer, a power of two
 * @param dataWidth   bus word width in bits; references are this wide
 * @param ports       requester ports; each has one allocate and one free channel
 * @param allocPolicy how a free buffer is chosen
 * @param poolBase    byte address of buffer 0; buffer i starts at poolBase + i * bufferBytes
 */
public record Config(int buffers, int bufferBytes, int dataWidth, int ports,
                     AllocPolicy allocPolicy, long poolBase) {

    public static final int MAX_BUFFERS = 256;
    public static final int MIN_BUFFER_BYTES = 16;
    public static final int MAX_BUFFER_BYTES = 8192;
    public static final int MAX_PORTS = 8;
    /** Width of the size field of an allocate request. */
    public static final int SIZE_BITS = 16;

    public static final Config DEFAULT =
        new Config(32, 256, 32, 2, AllocPolicy.LOWEST_FREE, 0x4000_0000L);

    public Config {
        range("buffers", buffers, 1, MAX_BUFFERS);
        range("bufferBytes", bufferBytes, MIN_BUFFER_BYTES, MAX_BUFFER_BYTES);
        if (Integer.bitCount(bufferBytes) != 1) {
            throw new IllegalArgumentException("bufferBytes must be a power of two, got " + bufferBytes);
        }
        if (dataWidth != 32) {
            throw new IllegalArgumentException("dataWidth must be 32 (64 is not implemented yet), got " + dataWidth);
        }
        range("ports", ports, 1, MAX_PORTS);
        if (allocPolicy == null) {
            throw new IllegalArgumentException("allocPolicy must be one of LOWEST_FREE, SCAN, got null");
        }
        if (poolBase < 0 || poolBase % bufferBytes != 0) {
            throw new IllegalArgumentException(String.format(
                "poolBase must be a non-negative multiple of bufferBytes (%d), got 0x%x", bufferBytes, poolBase));
        }
        long end = poolBase + (long) buffers * bufferBytes;
        if (end > (1L << dataWidth)) {
            throw new IllegalArgumentException(String.format(
                "pool 0x%x..0x%x does not fit in %d-bit references", poolBase, end, dataWidth));
        }
    }

    private static void range(String name, int value, int lo, int hi) {
        if (value < lo || value > hi) {
            throw new IllegalArgumentException(name + " must be in " + lo + ".." + hi + ", got " + value);
        }
    }

    /** Bits of a buffer index (at least 1, so a one-buffer pool still has an index port). */
    public int indexBits() {
        return Math.max(1, 32 - Integer.numberOfLeadingZeros(buffers - 1));
    }

    /** Bits of the count register: it holds values 0..n. */
    public int countBits() {
        return 32 - Integer.numberOfLeadingZeros(buffers);
    }

    /** log2(bufferBytes): the low reference bits that must be zero at a buffer start. */
    public int offsetBits() {
        return Integer.numberOfTrailingZeros(bufferBytes);
    }

    /** Reference (byte address) of buffer {@code index}: the seed's pointer field, Fig. 5 items 503..509. */
    public long ref(int index) {
        return poolBase + (long) index * bufferBytes;
    }

    /** The index whose buffer starts at {@code ref}, or -1 when ref is not a buffer start of this pool. */
    public int indexOf(long ref) {
        long off = ref - poolBase;
        if (off < 0 || (off & (bufferBytes - 1)) != 0 || (off >> offsetBits()) >= buffers) {
            return -1;
        }
        return (int) (off >> offsetBits());
    }

    public Config withBuffers(int v) { return new Config(v, bufferBytes, dataWidth, ports, allocPolicy, poolBase); }
    public Config withBufferBytes(int v) { return new Config(buffers, v, dataWidth, ports, allocPolicy, poolBase); }
    public Config withPorts(int v) { return new Config(buffers, bufferBytes, dataWidth, v, allocPolicy, poolBase); }
    public Config withAllocPolicy(AllocPolicy v) { return new Config(buffers, bufferBytes, dataWidth, ports, v, poolBase); }
    public Config withPoolBase(long v) { return new Config(buffers, bufferBytes, dataWidth, ports, allocPolicy, v); }

    /** Parameters by name, in declaration order: the manifest, docs and CLI all print this. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("buffers", Integer.toString(buffers));
        m.put("bufferBytes", Integer.toString(bufferBytes));
        m.put("dataWidth", Integer.toString(dataWidth));
        m.put("ports", Integer.toString(ports));
        m.put("allocPolicy", allocPolicy.name());
        m.put("poolBase", String.format("0x%08x", poolBase));
        return m;
    }

    /**
     * Applies one {@code name=value} setting, as given on the command line.
     *
     * @throws IllegalArgumentException naming the parameter and the legal values
     */
    public Config with(String setting) {
        int eq = setting.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("expected name=value, got '" + setting + "'");
        }
        String name = setting.substring(0, eq).trim();
        String value = setting.substring(eq + 1).trim();
        switch (name) {
            case "buffers": return withBuffers(parseInt(name, value));
            case "bufferBytes": return withBufferBytes(parseInt(name, value));
            case "dataWidth": return new Config(buffers, bufferBytes, parseInt(name, value), ports, allocPolicy, poolBase);
            case "ports": return withPorts(parseInt(name, value));
            case "poolBase": return withPoolBase(parseLong(name, value));
            case "allocPolicy":
                try {
                    return withAllocPolicy(AllocPolicy.valueOf(value.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("allocPolicy must be one of LOWEST_FREE, SCAN, got '" + value + "'");
                }
            default:
                throw new IllegalArgumentException("unknown parameter '" + name + "'; known: " + toMap().keySet());
        }
    }

    private static int parseInt(String name, String value) {
        long v = parseLong(name, value);
        if (v != (int) v) {
            throw new IllegalArgumentException(name + " is out of range, got " + value);
        }
        return (int) v;
    }

    private static long parseLong(String name, String value) {
        try {
            return value.startsWith("0x") || value.startsWith("0X")
                ? Long.parseLong(value.substring(2).replace("_", ""), 16)
                : Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + value + "'");
        }
    }
}
