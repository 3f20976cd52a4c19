package swapipc.sim.units;

import swapipc.hdl.Generator;
import swapipc.model.AllocStatus;
import swapipc.model.Config;
import swapipc.model.Message;
import swapipc.model.MessageKind;
import swapipc.model.SendStatus;
import swapipc.model.WireFormat;
import swapipc.sim.bridge.PortLayout;

/**
 * The Marshaler alone; the bench plays its sender, the allocator, the pool's write port, the
 * Indicator and the WaitList, each with random stalls. Judged per send: the answer the seed's
 * rules give (BAD_DEST, TOO_LONG, OK inline, NONE for a fail-fast send when no buffer is given or
 * others wait; a blocking send waits in the list and retries from its head until it gets one), one
 * allocation request of header + length bytes per try, the granted buffer announced in the
 * answer's first cycle, the header and every argument word written in order into that buffer,
 * no data word taken outside a message, and one descriptor posted with the message's fields (its
 * words inline when it has no buffer). Neighbours keep their obligations: the allocator answers
 * each request once and holds its answer until taken, the list names this endpoint its head only
 * after its join (two cycles on) and once the waiters ahead have gone.
 */
public final class MarshalerBench extends UnitBench {
    private enum Phase { GAP, CMD, ANSWER, DATA }

    private final int e;
    private int self, cmdValid, cmdReady, cmdDst, cmdKind, cmdOpcode, cmdTag, cmdArgc, cmdLength, cmdBlocking;
    private int dataValid, dataReady, dataPayload, rspValid, rspReady, rspStatus, rspPooled, rspIndex;
    private int reqValid, reqReady, reqBytes, allocValid, allocReady, allocStatus, allocIndex, allocRef;
    private int writeValid, writeReady, writeAddress, writeData, postValid, postReady, postSrc, postDst, postKind, postOpcode;
    private int postTag, postArgc, postLength, postPooled, postIndex, joinValid, joinReady, waitHead, waitBusy, waitLeave;
    private int allocatedValid, allocatedIndex, joining;
    private int[] postInline;

    // The sender.
    private int me;
    private Phase phase;
    private long gapUntil;
    private Message msg;
    private boolean blocking;
    private int sentWords;
    private boolean wordOffered;
    /** The answer fixed when the command was taken (refusals, inline OK, NONE when others wait), or null: the allocator decides. */
    private SendStatus decided;
    private boolean joiningList;
    // The allocator.
    private boolean requested;
    private long answerDue;
    private boolean answering;
    private long answerSince;
    private AllocStatus answerStatus;
    private int answerIndex;
    // After an OK: the buffer, the writes seen, the data taken.
    private int granted;
    private int writes;
    // The WaitList.
    private boolean others;
    private boolean inList;
    private boolean behindOthers;
    private long joinedAt;
    // This cycle's handshakes (decided in check, applied in clock).
    private boolean cmdFire, dataFire, rspFire, reqFire, allocFire, writeFire, postFire, joinFire, leave;
    private long now;

    public MarshalerBench(Config cfg, long seed, String replay) {
        super(cfg, seed, replay);
        this.e = cfg.endpoints();
    }

    @Override
    protected Generator.Top top() { return Generator.Top.MARSHALER; }

    @Override
    protected void bind(PortLayout io) {
        self = io.in("io_self");
        cmdValid = io.in("io_cmd_valid");
        cmdReady = io.out("io_cmd_ready");
        cmdDst = io.in("io_cmd_payload_dst");
        cmdKind = io.in("io_cmd_payload_header_kind");
        cmdOpcode = io.in("io_cmd_payload_header_opcode");
        cmdTag = io.in("io_cmd_payload_header_tag");
        cmdArgc = io.in("io_cmd_payload_header_argc");
        cmdLength = io.in("io_cmd_payload_header_length");
        cmdBlocking = io.in("io_cmd_payload_blocking");
        dataValid = io.in("io_data_valid");
        dataReady = io.out("io_data_ready");
        dataPayload = io.in("io_data_payload");
        rspValid = io.out("io_rsp_valid");
        rspReady = io.in("io_rsp_ready");
        rspStatus = io.out("io_rsp_payload_status");
        rspPooled = io.out("io_rsp_payload_pooled");
        rspIndex = io.out("io_rsp_payload_index");
        reqValid = io.out("io_alloc_req_valid");
        reqReady = io.in("io_alloc_req_ready");
        reqBytes = io.out("io_alloc_req_payload_bytes");
        allocValid = io.in("io_alloc_rsp_valid");
        allocReady = io.out("io_alloc_rsp_ready");
        allocStatus = io.in("io_alloc_rsp_payload_status");
        allocIndex = io.in("io_alloc_rsp_payload_index");
        allocRef = io.in("io_alloc_rsp_payload_ref");
        writeValid = io.out("io_write_valid");
        writeReady = io.in("io_write_ready");
        writeAddress = io.out("io_write_payload_address");
        writeData = io.out("io_write_payload_data");
        postValid = io.out("io_post_valid");
        postReady = io.in("io_post_ready");
        postSrc = io.out("io_post_payload_src");
        postDst = io.out("io_post_payload_dst");
        postKind = io.out("io_post_payload_header_kind");
        postOpcode = io.out("io_post_payload_header_opcode");
        postTag = io.out("io_post_payload_header_tag");
        postArgc = io.out("io_post_payload_header_argc");
        postLength = io.out("io_post_payload_header_length");
        postPooled = io.out("io_post_payload_pooled");
        postIndex = io.out("io_post_payload_index");
        postInline = new int[cfg.inlineBytes() / 4];
        for (int k = 0; k < postInline.length; k++) postInline[k] = io.out("io_post_payload_inline_" + k);
        joinValid = io.out("io_waitJoin_valid");
        joinReady = io.in("io_waitJoin_ready");
        waitHead = io.in("io_waitHead");
        waitBusy = io.in("io_waitBusy");
        waitLeave = io.out("io_waitLeave");
        allocatedValid = io.out("io_allocated_valid");
        joining = io.out("io_joining");
        allocatedIndex = io.out("io_allocated_payload");
    }

    @Override
    protected void resetReference() {
        me = rnd.nextInt(e);
        phase = Phase.GAP;
        gapUntil = 0;
        msg = null;
        requested = answering = others = inList = joiningList = false;
    }

    private boolean isInline(Message m) { return m.length() <= cfg.inlineBytes(); }

    private Message draw() {
        int length = switch (rnd.nextInt(10)) {
            case 0 -> 0;
            case 1, 2 -> 1 + rnd.nextInt(Math.max(1, cfg.inlineBytes()));
            case 3 -> cfg.maxArgBytes() + 1 + rnd.nextInt(64);
            default -> cfg.inlineBytes() + 1 + rnd.nextInt(cfg.maxArgBytes() - cfg.inlineBytes());
        };
        int dst = e < 16 && rnd.nextInt(20) == 0 ? e + rnd.nextInt(16 - e) : rnd.nextInt(e);
        int[] args = new int[Message.words(length)];
        for (int k = 0; k < args.length; k++) args[k] = rnd.nextInt();
        return new Message(me, dst, MessageKind.ofCode(rnd.nextInt(2)), rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256), length, args);
    }

    @Override
    protected void drive(long cycle) {
        now = cycle;
        in[self] = me;
        if (phase == Phase.GAP && cycle >= gapUntil) {
            msg = draw();
            blocking = rnd.nextBoolean();
            phase = Phase.CMD;
        }
        in[cmdValid] = phase == Phase.CMD ? 1 : 0;
        if (msg != null) {
            in[cmdDst] = msg.dst();
            in[cmdKind] = msg.kind().code();
            in[cmdOpcode] = msg.opcode();
            in[cmdTag] = msg.tag();
            in[cmdArgc] = msg.argc();
            in[cmdLength] = msg.length();
            in[cmdBlocking] = blocking ? 1 : 0;
        }
        // Data: the message's words once it was answered OK (a word offered stays until taken); now and then a stray word.
        boolean words = phase == Phase.DATA && sentWords < msg.args().length;
        if (words && !wordOffered) wordOffered = rnd.nextInt(5) != 0;
        boolean stray = !words && rnd.nextInt(20) == 0;
        in[dataValid] = (words && wordOffered) || stray ? 1 : 0;
        in[dataPayload] = words ? msg.args()[sentWords] : rnd.nextInt();
        in[rspReady] = rnd.nextInt(4) != 0 ? 1 : 0;
        // The allocator: takes a request now and then, answers 1-3 cycles later, NONE about a third of the time.
        in[reqReady] = !requested && rnd.nextInt(4) != 0 ? 1 : 0;
        if (requested && !answering && cycle >= answerDue) {
            answering = true;
            answerSince = cycle;
            answerStatus = rnd.nextInt(3) == 0 ? AllocStatus.NONE : AllocStatus.OK;
            answerIndex = answerStatus == AllocStatus.OK ? rnd.nextInt(cfg.buffers()) : 0;
        }
        in[allocValid] = answering ? 1 : 0;
        in[allocStatus] = answering ? answerStatus.code() : 0;
        in[allocIndex] = answering ? answerIndex : 0;
        in[allocRef] = answering && answerStatus == AllocStatus.OK ? (int) (cfg.poolBase() + (long) answerIndex * cfg.bufferBytes()) : 0;
        in[writeReady] = rnd.nextInt(5) != 0 ? 1 : 0;
        in[postReady] = rnd.nextInt(3) != 0 ? 1 : 0;
        // The WaitList: other endpoints wait now and then; this one is the head two cycles after its join, once they are gone.
        if (rnd.nextInt(300) == 0) others = !others;
        if (!others) behindOthers = false;
        in[joinReady] = rnd.nextInt(5) < 3 ? 1 : 0;
        in[waitBusy] = others || inList ? 1 : 0;
        in[waitHead] = inList && cycle >= joinedAt + 2 && !behindOthers ? 1 : 0;
    }

    /** The answer the Marshaler must show this cycle, or null when none is due. */
    private SendStatus dueAnswer() {
        if (phase != Phase.ANSWER) return null;
        if (decided != null) return decided;
        if (!answering || joiningList) return null;
        if (answerStatus == AllocStatus.OK) return SendStatus.OK;
        return blocking ? null : SendStatus.NONE;
    }

    @Override
    protected String check(long cycle) {
        cmdFire = intoUnit(cmdValid, cmdReady);
        dataFire = intoUnit(dataValid, dataReady);
        rspFire = outOfUnit(rspValid, rspReady);
        reqFire = outOfUnit(reqValid, reqReady);
        allocFire = intoUnit(allocValid, allocReady);
        writeFire = outOfUnit(writeValid, writeReady);
        postFire = outOfUnit(postValid, postReady);
        joinFire = outOfUnit(joinValid, joinReady);
        leave = out[waitLeave] != 0;

        if (dataFire && !(phase == Phase.DATA && sentWords < msg.args().length)) return "took a data word outside a message's arguments";
        if (reqFire) {
            boolean fresh = phase == Phase.CMD && cmdFire;
            boolean retry = phase == Phase.ANSWER && in[waitHead] != 0;
            if (!fresh && !retry) return "an allocation request with no send trying (phase " + phase + ", head " + in[waitHead] + ")";
            int bytes = msg.length() + WireFormat.HEADER_BYTES;
            if (out[reqBytes] != bytes) return "allocation request for " + out[reqBytes] + " bytes, expected " + bytes + " for " + msg;
        }
        boolean wantsBuffer = phase == Phase.CMD && msg.dst() < e && !isInline(msg) && msg.length() <= cfg.maxArgBytes() && in[waitBusy] == 0;
        if (phase == Phase.CMD && cmdFire && wantsBuffer != reqFire) {
            return "command taken " + (reqFire ? "with" : "without") + " an allocation request: " + msg;
        }
        // A listed send asks again exactly while it is the head; nothing else asks.
        boolean listed = phase == Phase.ANSWER && inList && !requested && !answering && !joiningList;
        boolean asks = wantsBuffer || listed && in[waitHead] != 0;
        if ((out[reqValid] != 0) != asks) return "allocation request " + out[reqValid] + ", expected " + (asks ? 1 : 0) + " (phase " + phase + ", listed " + listed + ", head " + in[waitHead] + ")";
        if ((out[joinValid] != 0) != joiningList) return "wait-list join " + out[joinValid] + ", expected " + (joiningList ? 1 : 0) + " for " + msg;
        boolean aboutToJoin = joiningList || answering && answerStatus == AllocStatus.NONE && blocking && !inList;
        if ((out[joining] != 0) != aboutToJoin) return "joining " + out[joining] + ", expected " + (aboutToJoin ? 1 : 0);
        boolean firstCycle = answering && answerSince == cycle && answerStatus == AllocStatus.OK;
        if ((out[allocatedValid] != 0) != firstCycle) {
            return "allocated " + out[allocatedValid] + " in " + (firstCycle ? "" : "not ") + "the first cycle of an OK answer";
        }
        if (firstCycle && out[allocatedIndex] != answerIndex) return "allocated " + out[allocatedIndex] + ", granted " + answerIndex;
        if (leave != (firstCycle && inList)) return "waitLeave " + out[waitLeave] + " with a grant " + firstCycle + " while listed " + inList;
        if (answering && answerStatus == AllocStatus.NONE && blocking && !allocFire) return "a blocking send's NONE was not taken at once";

        SendStatus due = dueAnswer();
        if ((out[rspValid] != 0) != (due != null)) return "send answer valid " + out[rspValid] + ", expected " + (due == null ? "none" : due) + " for " + msg;
        if (due != null) {
            boolean pooled = !isInline(msg);
            int index = due == SendStatus.OK && pooled ? answerIndex : 0;
            if (SendStatus.ofCode(out[rspStatus]) != due || (out[rspPooled] != 0) != pooled || out[rspIndex] != index) {
                return "send answered " + SendStatus.ofCode(out[rspStatus]) + " pooled " + out[rspPooled] + " index " + out[rspIndex]
                    + ", expected " + due + " pooled " + (pooled ? 1 : 0) + " index " + index + " for " + msg;
            }
            if (decided == null && rspFire != allocFire) return "the send answer and the allocator's were not taken together";
        }
        if (writeFire) {
            if (phase != Phase.DATA || granted < 0) return "a pool write with no buffer granted";
            int[] words = WireFormat.pack(msg);
            if (writes >= words.length) return "a pool write past the message's " + words.length + " words";
            int address = (granted << log2(cfg.bufferWords())) + writes;
            if (out[writeAddress] != address || out[writeData] != words[writes]) {
                return String.format("pool write %d: [%d] = %08x, expected [%d] = %08x", writes, out[writeAddress], out[writeData], address, words[writes]);
            }
            if (writes >= WireFormat.HEADER_WORDS && !dataFire) return "argument word written without taking it from the sender";
        }
        if (dataFire && granted >= 0 && !writeFire) return "argument word taken without writing it";
        if (out[postValid] != 0) {
            if (phase != Phase.DATA) return "a descriptor posted for no accepted send";
            boolean complete = granted >= 0 ? writes == WireFormat.pack(msg).length : sentWords == msg.args().length;
            if (!complete) return "descriptor posted before the message's words were in";
            String bad = descriptor();
            if (bad != null) return bad;
        }
        return null;
    }

    private String descriptor() {
        boolean pooled = granted >= 0;
        boolean same = out[postSrc] == me && out[postDst] == msg.dst() && out[postKind] == msg.kind().code() && out[postOpcode] == msg.opcode()
            && out[postTag] == msg.tag() && out[postArgc] == msg.argc() && out[postLength] == msg.length()
            && (out[postPooled] != 0) == pooled && (!pooled || out[postIndex] == granted);
        for (int k = 0; !pooled && k < msg.args().length; k++) same &= out[postInline[k]] == msg.args()[k];
        return same ? null : "descriptor src " + out[postSrc] + " dst " + out[postDst] + " length " + out[postLength] + " pooled " + out[postPooled]
            + " index " + out[postIndex] + " differs from " + msg + (pooled ? " in buffer " + granted : " inline");
    }

    private static int log2(int v) { return 32 - Integer.numberOfLeadingZeros(v - 1); }

    @Override
    protected void clock() {
        if (reqFire) {
            requested = true;
            answerDue = now + 1 + rnd.nextInt(3);
        }
        if (allocFire) {
            requested = answering = false;
            if (answerStatus == AllocStatus.NONE && blocking && !inList) joiningList = true;
        }
        if (joinFire) {
            joiningList = false;
            inList = true;
            joinedAt = now;
            behindOthers = others;
        }
        if (leave) inList = false;
        if (phase == Phase.CMD && cmdFire) {
            phase = Phase.ANSWER;
            boolean pooledSend = !isInline(msg);
            granted = -1;
            writes = sentWords = 0;
            wordOffered = false;
            decided = msg.dst() >= e ? SendStatus.BAD_DEST
                : pooledSend && msg.length() > cfg.maxArgBytes() ? SendStatus.TOO_LONG
                : !pooledSend ? SendStatus.OK
                : in[waitBusy] != 0 && !blocking ? SendStatus.NONE : null;
            if (decided == null && in[waitBusy] != 0) joiningList = true;
        } else if (phase == Phase.ANSWER && rspFire) {
            SendStatus got = SendStatus.ofCode(out[rspStatus]);
            if (got == SendStatus.OK) {
                if (!isInline(msg)) granted = answerIndex;
                phase = Phase.DATA;
            } else {
                finish();
            }
        }
        if (dataFire) {
            sentWords++;
            wordOffered = false;
        }
        if (writeFire) writes++;
        if (postFire) {
            finish();
            transaction();
        }
    }

    private void finish() {
        phase = Phase.GAP;
        gapUntil = now + 1 + rnd.nextInt(4);
    }
}
