package swapipc.sim.units;

import swapipc.hdl.Generator;
import swapipc.model.Config;
import swapipc.model.FreeStatus;
import swapipc.model.Message;
import swapipc.model.MessageKind;
import swapipc.model.ReleasePolicy;
import swapipc.model.WireFormat;
import swapipc.sim.bridge.PortLayout;

import java.util.HashMap;
import java.util.Map;

/**
 * The CopyEngine alone (EARLY, with or without zeroize); the bench plays the Indicator (random
 * descriptors, pooled or inline), the SharedPool (a read answered the next cycle, a write port
 * with stalls), the Deallocator (a free answered 1-3 cycles after it is taken) and the receiver
 * (takes a presented message after a random wait). Judged per message: the descriptor taken only
 * when idle, the buffer's words read in order and copied word by word into the temporary memory
 * (header and inline words from the descriptor when it has no buffer), with zeroize each word
 * overwritten with 0 only once its read was answered, the buffer freed once, after its last copy
 * and scrub, with its own reference, `freed` naming it in the cycle of the free's answer, the
 * message presented in that very cycle (pooled) and never before its words are in, and `busy`
 * from the descriptor to the take.
 */
public final class CopyEngineBench extends UnitBench {
    private int descValid, descReady, descSrc, descDst, descKind, descOpcode, descTag, descArgc, descLength, descPooled, descIndex;
    private int[] descInline;
    private int readValid, readReady, readAddress, readDataValid, readData, tempValid, tempAddress, tempData;
    private int scrubValid, scrubReady, scrubAddress, scrubData, freeValid, freeReady, freeRef, freeRspValid, freeRspReady, freeRspStatus;
    private int presentValid, presentReady, freedValid, freedIndex, busy;

    private final Map<Integer, Integer> pool = new HashMap<>();
    private final int[] temp;
    // The descriptor offered (held until taken) and the message in the engine.
    private Message offered;
    private boolean offeredPooled;
    private int offeredIndex;
    private Message msg;
    private boolean pooled;
    private int index;
    private int[] words;
    private int reads, answers, copied, scrubs;
    private int lastRead = -1;
    private boolean freeTaken, freeAnswered;
    private long freeDue;
    private long now;
    private boolean descFire, readFire, scrubFire, freeFire, presentFire;

    public CopyEngineBench(Config cfg, long seed, String replay) {
        super(cfg.withReleasePolicy(ReleasePolicy.EARLY), seed, replay);
        this.temp = new int[cfg.bufferWords()];
    }

    @Override
    protected Generator.Top top() { return Generator.Top.COPY_ENGINE; }

    @Override
    protected void bind(PortLayout io) {
        descValid = io.in("io_desc_valid");
        descReady = io.out("io_desc_ready");
        descSrc = io.in("io_desc_payload_src");
        descDst = io.in("io_desc_payload_dst");
        descKind = io.in("io_desc_payload_header_kind");
        descOpcode = io.in("io_desc_payload_header_opcode");
        descTag = io.in("io_desc_payload_header_tag");
        descArgc = io.in("io_desc_payload_header_argc");
        descLength = io.in("io_desc_payload_header_length");
        descPooled = io.in("io_desc_payload_pooled");
        descIndex = io.in("io_desc_payload_index");
        descInline = new int[cfg.inlineBytes() / 4];
        for (int k = 0; k < descInline.length; k++) descInline[k] = io.in("io_desc_payload_inline_" + k);
        readValid = io.out("io_read_valid");
        readReady = io.in("io_read_ready");
        readAddress = io.out("io_read_payload");
        readDataValid = io.in("io_readData_valid");
        readData = io.in("io_readData_payload");
        tempValid = io.out("io_temp_valid");
        tempAddress = io.out("io_temp_payload_address");
        tempData = io.out("io_temp_payload_data");
        if (cfg.zeroize()) {
            scrubValid = io.out("io_scrub_valid");
            scrubReady = io.in("io_scrub_ready");
            scrubAddress = io.out("io_scrub_payload_address");
            scrubData = io.out("io_scrub_payload_data");
        }
        freeValid = io.out("io_free_req_valid");
        freeReady = io.in("io_free_req_ready");
        freeRef = io.out("io_free_req_payload_ref");
        freeRspValid = io.in("io_free_rsp_valid");
        freeRspReady = io.out("io_free_rsp_ready");
        freeRspStatus = io.in("io_free_rsp_payload_status");
        presentValid = io.out("io_present_valid");
        presentReady = io.in("io_present_ready");
        freedValid = io.out("io_freed_valid");
        freedIndex = io.out("io_freed_payload");
        busy = io.out("io_busy");
    }

    @Override
    protected void resetReference() {
        offered = null;
        msg = null;
        lastRead = -1;
        // The Deallocator is reset too: no answer to a free from before the reset.
        freeTaken = false;
        freeAnswered = false;
    }

    private int address(int buffer, int word) { return (buffer << log2(cfg.bufferWords())) + word; }

    private static int log2(int v) { return 32 - Integer.numberOfLeadingZeros(v - 1); }

    private void offer() {
        boolean inline = rnd.nextInt(4) == 0;
        int length = inline ? rnd.nextInt(cfg.inlineBytes() + 1) : cfg.inlineBytes() + 1 + rnd.nextInt(cfg.maxArgBytes() - cfg.inlineBytes());
        int[] args = new int[Message.words(length)];
        for (int k = 0; k < args.length; k++) args[k] = rnd.nextInt();
        int e = cfg.endpoints();
        offered = new Message(rnd.nextInt(e), rnd.nextInt(e), MessageKind.ofCode(rnd.nextInt(2)), rnd.nextInt(256), rnd.nextInt(256),
            rnd.nextInt(256), length, args);
        offeredPooled = !inline;
        // Never the buffer of the message in the engine until its free is answered (a buffer has one message at a time).
        boolean inUse = msg != null && pooled && !freeAnswered;
        do offeredIndex = rnd.nextInt(cfg.buffers()); while (inUse && offeredIndex == index && cfg.buffers() > 1);
        if (offeredPooled) {
            int[] w = WireFormat.pack(offered);
            for (int k = 0; k < w.length; k++) pool.put(address(offeredIndex, k), w[k]);
        }
    }

    @Override
    protected void drive(long cycle) {
        now = cycle;
        if (offered == null && rnd.nextInt(3) == 0) offer();
        in[descValid] = offered != null ? 1 : 0;
        if (offered != null) {
            in[descSrc] = offered.src();
            in[descDst] = offered.dst();
            in[descKind] = offered.kind().code();
            in[descOpcode] = offered.opcode();
            in[descTag] = offered.tag();
            in[descArgc] = offered.argc();
            in[descLength] = offered.length();
            in[descPooled] = offeredPooled ? 1 : 0;
            in[descIndex] = offeredIndex;
            for (int k = 0; k < descInline.length; k++) in[descInline[k]] = !offeredPooled && k < offered.args().length ? offered.args()[k] : 0;
        }
        in[readReady] = rnd.nextInt(5) != 0 ? 1 : 0;
        in[readDataValid] = lastRead >= 0 ? 1 : 0;
        in[readData] = lastRead >= 0 ? pool.getOrDefault(lastRead, 0xDEAD_BEEF) : 0;
        if (cfg.zeroize()) in[scrubReady] = rnd.nextInt(4) != 0 ? 1 : 0;
        in[freeReady] = rnd.nextInt(3) != 0 ? 1 : 0;
        boolean answer = freeTaken && !freeAnswered && cycle >= freeDue;
        in[freeRspValid] = answer ? 1 : 0;
        in[freeRspStatus] = answer ? FreeStatus.OK.code() : 0;
        in[presentReady] = rnd.nextInt(4) == 0 ? 1 : 0;
    }

    @Override
    protected String check(long cycle) {
        descFire = intoUnit(descValid, descReady);
        readFire = outOfUnit(readValid, readReady);
        scrubFire = cfg.zeroize() && outOfUnit(scrubValid, scrubReady);
        freeFire = outOfUnit(freeValid, freeReady);
        presentFire = outOfUnit(presentValid, presentReady);
        if ((out[descReady] != 0) != (msg == null)) return "descriptor ready " + out[descReady] + " with " + (msg == null ? "no message" : msg) + " in the engine";
        if ((out[busy] != 0) != (msg != null)) return "busy " + out[busy] + " with " + (msg == null ? "no message" : "a message") + " in the engine";
        if (descFire) {
            msg = offered;
            pooled = offeredPooled;
            index = offeredIndex;
            words = WireFormat.pack(msg);
            reads = answers = copied = scrubs = 0;
            freeTaken = freeAnswered = false;
            java.util.Arrays.fill(temp, 0xBAD0_0000);
        }
        if (in[readDataValid] != 0) answers++;
        if (readFire) {
            if (msg == null || !pooled) return "a pool read with no pooled message in the engine";
            if (reads >= words.length) return "a pool read past the message's " + words.length + " words";
            if (out[readAddress] != address(index, reads)) return "read " + out[readAddress] + ", expected word " + reads + " of buffer " + index;
        }
        if (out[tempValid] != 0) {
            if (msg == null || copied >= words.length) return "a temporary-memory write past the message's words";
            int want = pooled ? in[readData] : words[copied];
            if (pooled && in[readDataValid] == 0) return "a copy with no read answered";
            if (out[tempAddress] != copied || out[tempData] != want) {
                return String.format("temporary word [%d] = %08x, expected [%d] = %08x", out[tempAddress], out[tempData], copied, want);
            }
            temp[copied] = out[tempData];
        }
        if (scrubFire) {
            if (msg == null || !pooled || scrubs >= words.length) return "a scrub outside the message's buffer words";
            if (out[scrubAddress] != address(index, scrubs) || out[scrubData] != 0) return "scrub of " + out[scrubAddress] + " with " + out[scrubData];
            if (answers <= scrubs) return "word " + scrubs + " scrubbed before its read was answered";
        }
        int copiedAfter = copied + (out[tempValid] != 0 ? 1 : 0);
        int scrubsAfter = scrubs + (scrubFire ? 1 : 0);
        boolean clean = !cfg.zeroize() || msg != null && scrubs == words.length;
        if (out[freeValid] != 0) {
            if (msg == null || !pooled || freeTaken) return "a free with no copied pooled message to free";
            if (copied < words.length || !clean) return "a free before the last copy or scrub (" + copied + " copied, " + scrubs + " scrubbed)";
            long ref = cfg.poolBase() + (long) index * cfg.bufferBytes();
            if ((out[freeRef] & 0xFFFF_FFFFL) != ref) return String.format("free of %08x, expected buffer %d at %08x", out[freeRef], index, ref);
        }
        boolean answered = in[freeRspValid] != 0;
        if (out[freeRspReady] == 0) return "free answer not taken";
        if ((out[freedValid] != 0) != answered || answered && out[freedIndex] != index) return "freed " + out[freedValid] + " index " + out[freedIndex];
        if (answered && out[presentValid] == 0) return "not presented in the cycle its buffer's free was answered";
        for (int k = 0; answered && cfg.zeroize() && k < words.length; k++) {
            if (pool.getOrDefault(address(index, k), 0) != 0) return "word " + k + " of buffer " + index + " not zero when its free was answered";
        }
        if (out[presentValid] != 0) {
            if (msg == null || copied < words.length || pooled && !freeAnswered && !answered) return "presented before its words were in and its buffer freed";
            for (int k = 0; k < words.length; k++) if (temp[k] != words[k]) return String.format("temporary word %d is %08x, not %08x", k, temp[k], words[k]);
        }
        copied = copiedAfter;
        scrubs = scrubsAfter;
        return null;
    }

    @Override
    protected void clock() {
        if (descFire) offered = null;
        lastRead = readFire ? out[readAddress] : -1;
        if (readFire) reads++;
        if (scrubFire) pool.put(out[scrubAddress], 0);
        if (freeFire) {
            freeTaken = true;
            freeDue = now + 1 + rnd.nextInt(3);
        }
        if (in[freeRspValid] != 0) {
            freeAnswered = true;
        }
        if (presentFire) {
            msg = null;
            transaction();
        }
    }
}
