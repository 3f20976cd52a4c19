package swapipc.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The register map of one endpoint's bus slave, described once: the RTL decoder
 * (hdl/EndpointRegisters.scala) takes every offset and field position from here, and
 * {@link RegisterDocs} writes docs/registers.md, the C header, the SystemRDL file and the test
 * benches' Java constants from it. Byte addresses, 32-bit little-endian registers, whole-word
 * accesses only. The map depends on the Config: the FLAGS array has one word per 32 buffers,
 * the two data windows are one buffer wide, at {@link #windowSpan()} and twice that, and
 * FLAG_CLAIM has a word per buffer after them; software reads where they are (RX_DATA_AT, ...).
 */
public final class RegisterMap {
    /** How software may access a register; {@code action} registers do something when accessed. */
    public enum Access {
        RO("r", "read-only"), RW("rw", "read-write"), WO("w", "write-only; reads return 0"),
        W1C("rw", "read; write 1 to clear");

        public final String rdl;
        public final String meaning;

        Access(String rdl, String meaning) {
            this.rdl = rdl;
            this.meaning = meaning;
        }
    }

    /** Bits {@code lsb .. lsb+width-1} of a register. */
    public record Field(String name, int lsb, int width, String meaning) {
        public int msb() { return lsb + width - 1; }

        public long mask() { return ((1L << width) - 1) << lsb; }

        public int get(int word) { return (int) ((Integer.toUnsignedLong(word) & mask()) >>> lsb); }

        public int put(int value) {
            if (value < 0 || value >= (1L << width)) throw new IllegalArgumentException(name + " must fit in " + width + " bits, got " + value);
            return value << lsb;
        }
    }

    /**
     * A register, or an array of {@code count} consecutive words (FLAGS, the windows).
     * {@code action}: reading (RO) or writing (WO) it starts an operation, so it is never read speculatively.
     */
    public record Register(String name, int offset, int count, Access access, boolean action, List<Field> fields, String meaning) {
        public int end() { return offset + 4 * count; }

        public boolean contains(int address) { return address >= offset && address < end() && (address & 3) == 0; }

        public Field field(String fieldName) {
            for (Field f : fields) if (f.name().equals(fieldName)) return f;
            throw new IllegalArgumentException(name + " has no field " + fieldName);
        }
    }

    /** ID's value: "SIPC" in ASCII, so software can tell it talks to swapipc. */
    public static final int MAGIC = 0x53495043;
    /** CLAIM's answer when no buffer is free (or senders wait): never a buffer start, all buffers are word-aligned. */
    public static final int CLAIM_NONE = 0xFFFFFFFF;

    /** Bits of a buffer count (buffers <= 256) and of a queue count (queueDepth + 1 <= 65). */
    public static final int COUNT_BITS = 9;
    public static final int QUEUE_COUNT_BITS = 7;

    private final Config cfg;
    private final List<Register> all = new ArrayList<>();

    public final Register ID, INFO, COUNT, BUFFER_BYTES, POOL_BASE, FREE_COUNT, RX_DATA_AT, POOL_DATA_AT, FLAG_CLAIM_AT, FLAGS,
        CLAIM, FREE, POOL_REF, SEND_CTRL, SEND_HDR, SEND_LEN, SEND_GO, SEND_STATUS, SEND_DATA, RX_STATUS, RX_HDR0, RX_HDR1,
        RX_RELEASE, IRQ_ENABLE, IRQ_THRESHOLD, IRQ_STATUS, ERR, ERR_COUNT, RX_DATA, POOL_DATA, FLAG_CLAIM;

    public RegisterMap(Config cfg) {
        this.cfg = cfg;
        // Fields as wide as the largest legal configuration, so one C header serves every build.
        int countBits = COUNT_BITS;
        int queueBits = QUEUE_COUNT_BITS;
        if (cfg.countBits() > COUNT_BITS || 32 - Integer.numberOfLeadingZeros(cfg.queueDepth() + 1) > QUEUE_COUNT_BITS) {
            throw new IllegalArgumentException("buffers or queueDepth beyond what the register fields hold");
        }
        ID = reg("ID", 0x00, Access.RO, false, "identifies the block", whole("magic", String.format("0x%08X (\"SIPC\")", MAGIC)));
        INFO = reg("INFO", 0x04, Access.RO, false, "who this slave is and how many endpoints share the pool",
            new Field("self", 0, 4, "endpoint number of this slave port: the identity every access is made with"),
            new Field("endpoints", 8, 5, "endpoints of the unit"));
        COUNT = reg("COUNT", 0x08, Access.RO, false, "the control area's count of buffers (Fig. 5, item 501)",
            new Field("count", 0, countBits, "n, buffers in the pool"));
        BUFFER_BYTES = reg("BUFFER_BYTES", 0x0C, Access.RO, false, "bytes per buffer",
            new Field("bytes", 0, 14, "bufferBytes"));
        POOL_BASE = reg("POOL_BASE", 0x10, Access.RO, false, "reference of buffer 0; buffer i is POOL_BASE + i * BUFFER_BYTES",
            whole("base", "poolBase"));
        FREE_COUNT = reg("FREE_COUNT", 0x14, Access.RO, false, "buffers free, as of the previous cycle",
            new Field("free", 0, countBits, "free buffers"));
        RX_DATA_AT = reg("RX_DATA_AT", 0x18, Access.RO, false, "offset of the RX_DATA window in this slave", whole("offset", "byte offset"));
        POOL_DATA_AT = reg("POOL_DATA_AT", 0x1C, Access.RO, false, "offset of the POOL_DATA window", whole("offset", "byte offset"));
        FLAG_CLAIM_AT = reg("FLAG_CLAIM_AT", 0x98, Access.RO, false, "offset of the FLAG_CLAIM window", whole("offset", "byte offset"));
        FLAGS = array("FLAGS", 0x20, (cfg.buffers() + 31) / 32, Access.RO, false,
            "the allocation flags (1 = free, 0 = allocated), buffer 32 * k + i in bit i of word k", whole("flags", "32 flags"));
        CLAIM = reg("CLAIM", 0x40, Access.RO, true,
            "a read allocates a buffer to this endpoint and returns its reference, or CLAIM_NONE (0xFFFFFFFF) when none is free or senders wait",
            whole("ref", "reference of the claimed buffer"));
        FREE = reg("FREE", 0x44, Access.WO, true,
            "a write of a claimed buffer's reference frees it (zeroized first when the unit zeroizes)",
            whole("ref", "reference of the buffer to free"));
        POOL_REF = reg("POOL_REF", 0x48, Access.RW, false, "the buffer the POOL_DATA window shows: one this endpoint has claimed",
            whole("ref", "buffer reference"));
        SEND_CTRL = reg("SEND_CTRL", 0x50, Access.RW, false, "the next send: where to, what kind, and whether to wait for a buffer",
            new Field("dst", 0, 4, "destination endpoint"),
            new Field("kind", 8, 1, "0 = CALL, 1 = RETURN"),
            new Field("blocking", 16, 1, "1: wait for a buffer in arrival order; 0: answer NONE when none is free"));
        SEND_HDR = reg("SEND_HDR", 0x54, Access.RW, false, "the next send's header fields (the wire format's word 0 positions)",
            wire(WireFormat.OPCODE), wire(WireFormat.TAG), wire(WireFormat.ARGC));
        SEND_LEN = reg("SEND_LEN", 0x58, Access.RW, false, "the next send's argument bytes", wire(WireFormat.LENGTH));
        SEND_GO = reg("SEND_GO", 0x5C, Access.WO, true,
            "any write starts a send with SEND_CTRL, SEND_HDR and SEND_LEN; refused (SEND_BUSY) while a send is under way",
            whole("go", "ignored"));
        SEND_STATUS = reg("SEND_STATUS", 0x60, Access.RO, false, "the last send's answer and how many words it still expects",
            new Field("status", 0, SendStatus.BITS, "SendStatus: 0 OK, 1 NONE, 2 TOO_LONG, 3 BAD_DEST (valid when pending = 0)"),
            new Field("pending", 4, 1, "1 while the send waits for its answer (a blocking send waits for a buffer)"),
            new Field("index", 8, 8, "the buffer index of an OK pooled send"),
            new Field("remaining", 16, 16, "argument words SEND_DATA still expects"));
        SEND_DATA = reg("SEND_DATA", 0x64, Access.WO, true, "the next argument word of the send under way (one write per cycle at full rate)",
            whole("word", "argument word"));
        RX_STATUS = reg("RX_STATUS", 0x70, Access.RO, false, "the Detector: messages waiting for this endpoint",
            new Field("notEmpty", 0, 1, "a message is queued, being copied or presented"),
            new Field("presented", 1, 1, "a message is in the temporary memory: RX_HDR0/1 and RX_DATA show it"),
            new Field("count", 8, queueBits, "messages queued, being copied or presented"));
        RX_HDR0 = reg("RX_HDR0", 0x74, Access.RO, false, "header word 0 of the presented message (wire format)",
            wire(WireFormat.OPCODE), wire(WireFormat.TAG), wire(WireFormat.ARGC), wire(WireFormat.KIND), wire(WireFormat.SOURCE));
        RX_HDR1 = reg("RX_HDR1", 0x78, Access.RO, false, "header word 1 of the presented message", wire(WireFormat.LENGTH));
        RX_RELEASE = reg("RX_RELEASE", 0x7C, Access.WO, true, "any write releases the temporary memory: the next message may be copied in",
            whole("release", "ignored"));
        IRQ_ENABLE = reg("IRQ_ENABLE", 0x80, Access.RW, false, "interrupt enable", new Field("enable", 0, 1, "1: the irq line follows IRQ_STATUS"));
        IRQ_THRESHOLD = reg("IRQ_THRESHOLD", 0x84, Access.RW, false, "interrupt threshold",
            new Field("threshold", 0, queueBits, "irq while RX_STATUS.count >= threshold (and not empty): a level, drained until empty"));
        IRQ_STATUS = reg("IRQ_STATUS", 0x88, Access.RO, false, "the interrupt line's level", new Field("irq", 0, 1, "level of this endpoint's irq"));
        Field[] errs = new Field[BusError.values().length];
        for (BusError e : BusError.values()) errs[e.bit()] = new Field(e.name(), e.bit(), 1, e.meaning());
        ERR = reg("ERR", 0x90, Access.W1C, false, "sticky: what refused accesses did wrong; write 1 to clear (a new error in the same cycle wins)", errs);
        ERR_COUNT = reg("ERR_COUNT", 0x94, Access.RO, false, "refused accesses since reset, saturating",
            new Field("count", 0, ErrorKind.COUNT_BITS, "count"));
        RX_DATA = array("RX_DATA", windowSpan(), cfg.bufferWords() - WireFormat.HEADER_WORDS, Access.RO, false,
            "argument word k of the presented message at RX_DATA + 4k (0 past its length): the receiver's temporary memory",
            whole("word", "argument word"));
        POOL_DATA = array("POOL_DATA", 2 * windowSpan(), cfg.bufferWords(), Access.RW, true,
            "word k of buffer POOL_REF at POOL_DATA + 4k: only for a buffer this endpoint has claimed",
            whole("word", "buffer word"));
        FLAG_CLAIM = array("FLAG_CLAIM", flagClaimAt(), cfg.buffers(), Access.RO, true,
            "read-to-claim: a read of word i swaps a 0 into buffer i's flag and returns the old flag (1: the buffer is now this "
                + "endpoint's; 0: it was allocated, or senders wait). Fig. 6 as software runs it",
            new Field("flag", 0, 1, "the flag before the swap"));
    }

    /** FLAG_CLAIM follows the windows, on a multiple of its own power-of-two size (so its word index is a bit field). */
    private int flagClaimAt() {
        int size = 4 * Integer.highestOneBit(2 * cfg.buffers() - 1);
        return (3 * windowSpan() + size - 1) / size * size;
    }

    public Config config() { return cfg; }

    public List<Register> registers() { return List.copyOf(all); }

    /** Where the windows start: a buffer's size rounded up to the register block's 256 bytes (RX_DATA there, POOL_DATA at twice). */
    public int windowSpan() { return windowSpan(cfg.bufferBytes()); }

    public static int windowSpan(int bufferBytes) { return Math.max(REGISTER_BLOCK, bufferBytes); }

    /** Bytes of the register block before the windows. */
    public static final int REGISTER_BLOCK = 0x100;

    /** Byte address bits of one slave port: registers, then the receive, pool and flag-claim windows. */
    public int addressBits() {
        int end = all.stream().mapToInt(Register::end).max().orElseThrow();
        return 32 - Integer.numberOfLeadingZeros(end - 1);
    }

    /** The register at a byte address, or null (a hole: BAD_ADDRESS). */
    public Register at(int address) {
        for (Register r : all) if (r.contains(address)) return r;
        return null;
    }

    private static Field whole(String name, String meaning) { return new Field(name, 0, 32, meaning); }

    private static Field wire(WireFormat.Field f) { return new Field(f.name(), f.lsb(), f.width(), f.meaning()); }

    private Register reg(String name, int offset, Access access, boolean action, String meaning, Field... fields) {
        return array(name, offset, 1, access, action, meaning, fields);
    }

    private Register array(String name, int offset, int count, Access access, boolean action, String meaning, Field... fields) {
        Register r = new Register(name, offset, count, access, action, List.of(fields), meaning);
        for (Register o : all) {
            if (r.offset() < o.end() && o.offset() < r.end()) throw new IllegalStateException(name + " overlaps " + o.name());
        }
        all.add(r);
        return r;
    }
}
