package swapipc.model;

import java.util.Arrays;

/**
 * Who owns each buffer (the IpcUnit's OwnerTable) and what software wrote into the buffers it
 * claimed. Decides every BufferPort command as the RTL does, in the cycle it is taken.
 */
public final class Owners {
    private final Config cfg;
    private final OwnerKind[] kind;
    private final int[] endpoint;
    /** Per claimed buffer: the words written since the claim (unwritten words read 0 with zeroize). */
    private final int[][] words;
    private final boolean[][] written;

    public Owners(Config cfg) {
        this.cfg = cfg;
        int n = cfg.buffers();
        this.kind = new OwnerKind[n];
        this.endpoint = new int[n];
        this.words = new int[n][cfg.bufferWords()];
        this.written = new boolean[n][cfg.bufferWords()];
        Arrays.fill(kind, OwnerKind.NONE);
    }

    public OwnerKind kind(int index) { return kind[index]; }

    public int endpoint(int index) { return endpoint[index]; }

    /** The entry as the RTL packs it: kind in the low OwnerKind.BITS bits, the endpoint above. */
    public int code(int index) { return kind[index].code() | endpoint[index] << OwnerKind.BITS; }

    /** Records who holds buffer {@code index} (the IpcModel as events arrive; a unit bench sets up its world with it). */
    public void set(int index, OwnerKind k, int ep) {
        kind[index] = k;
        endpoint[index] = k == OwnerKind.NONE ? 0 : ep;
        if (k == OwnerKind.CLAIMED) {
            Arrays.fill(words[index], 0);
            Arrays.fill(written[index], false);
        }
    }

    /**
     * The answer to a READ, WRITE or FREE by endpoint {@code e}, decided on the owner table and
     * the flags as they are when the command is taken. CLAIM is decided by the allocator, and a
     * TAKE by its swap (only an invalid reference is refused here).
     */
    public AccessStatus decide(int e, BufferOp op, long ref, int offset, boolean flagFree) {
        if (op == BufferOp.CLAIM) throw new IllegalArgumentException("CLAIM is decided by the allocator");
        int index = cfg.indexOf(ref);
        if (index < 0) return AccessStatus.INVALID_REF;
        if (op == BufferOp.TAKE) throw new IllegalArgumentException("a TAKE of a valid reference is decided by its swap");
        boolean mine = kind[index] == OwnerKind.CLAIMED && endpoint[index] == e;
        if (op == BufferOp.FREE) return mine ? AccessStatus.OK : flagFree ? AccessStatus.DOUBLE_FREE : AccessStatus.FOREIGN;
        if (!mine) return AccessStatus.FOREIGN;
        return offset < 0 || offset >= cfg.bufferWords() ? AccessStatus.OUT_OF_RANGE : AccessStatus.OK;
    }

    public void write(int index, int offset, int value) {
        words[index][offset] = value;
        written[index][offset] = true;
    }

    /** What a READ of a claimed buffer returns: the word written there, else 0 with zeroize; null when it may be anything. */
    public Integer read(int index, int offset) {
        if (written[index][offset]) return words[index][offset];
        return cfg.zeroize() ? 0 : null;
    }
}
