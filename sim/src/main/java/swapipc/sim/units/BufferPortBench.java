package swapipc.sim.units;

import swapipc.hdl.Generator;
import swapipc.model.AccessStatus;
import swapipc.model.AllocStatus;
import swapipc.model.BufferOp;
import swapipc.model.Config;
import swapipc.model.ErrorKind;
import swapipc.model.FreeStatus;
import swapipc.model.OwnerKind;
import swapipc.model.Owners;
import swapipc.sim.bridge.PortLayout;

import java.util.HashMap;
import java.util.Map;

/**
 * One BufferPort alone; the bench plays the owner table and flags (a world of buffers free, held
 * by messages, claimed by other endpoints or by this one, changing now and then), the allocator,
 * the FlagTaker, the Deallocator, the pool's ports and the wait list. Judged per command against
 * the model's decision (`Owners.decide`, made in the cycle it is taken): a refusal answered with
 * its status in the cycle after next, flagged on `error` in the cycle after the command, and
 * touching nothing; a CLAIM allocated only while
 * nobody waits, answered with the allocator's buffer and announced by `claimed` in the answer's
 * first cycle; a TAKE of the named flag, OK only if the swap won; READ and WRITE at the named word;
 * a FREE that (zeroize) clears every word of the buffer in order, then frees it with its own
 * reference, `released` in the cycle of the free's answer.
 */
public final class BufferPortBench extends UnitBench {
    private enum Step { NONE, REFUSED, DECIDED, CLAIM, CLAIM_ASKED, TAKE, READ, WRITE, SCRUB, FREE, FREED }

    private final int n;
    private final int kinds = ErrorKind.values().length;
    private int self, cmdValid, cmdReady, cmdOp, cmdRef, cmdOffset, cmdData, rspValid, rspReady, rspStatus, rspRef, rspData;
    private int reqValid, reqReady, reqBytes, allocValid, allocReady, allocStatus, allocIndex, allocRef;
    private int freeValid, freeReady, freeRef, freeRspValid, freeRspReady, freeRspStatus;
    private int takeValid, takeReady, takePayload, takeRspValid, takeRspReady, takeRspPayload;
    private int writeValid, writeReady, writeAddress, writeData, readValid, readReady, readAddress, readDataValid, readData;
    private int flags, waitBusy, claimedValid, claimedIndex, releasedValid, releasedIndex;
    private int[] ownerKind, ownerEndpoint, error;

    private Owners world;
    private final Map<Integer, Integer> pool = new HashMap<>();
    private int me;
    private boolean waiting;
    /** The refusal of the command taken in the previous cycle, flagged on `error` now. */
    private ErrorKind flaggedNow;
    // The command offered (held until taken) and the one in the port.
    private boolean offering;
    private BufferOp op;
    private long ref;
    private int offset, data;
    private Step step = Step.NONE;
    private int index;
    private AccessStatus expected;
    private int expectedData;
    private long expectedRef;
    private int scrubbed;
    // The neighbours: an allocator answer, a take answer, a free answer, a read answer.
    private boolean allocAnswering, takeAnswering, freeAnswered;
    private long due;
    private AllocStatus allocGives;
    private int allocGivesIndex;
    private boolean takeWon;
    /** The first cycle of the allocator's answer; whether the take request was taken. */
    private long allocSince;
    private boolean takeFireSeen;
    private int lastRead = -1;
    private long now;
    /** Answers taken, per operation and status (what the run exercised). */
    private final long[][] answered = new long[BufferOp.values().length][AccessStatus.values().length];
    private boolean cmdFire, rspFire, reqFire, allocFire, freeFire, takeFire, takeRspFire, writeFire, readFire;

    public BufferPortBench(Config cfg, long seed, String replay) {
        super(cfg, seed, replay);
        this.n = cfg.buffers();
    }

    @Override
    protected Generator.Top top() { return Generator.Top.BUFFER_PORT; }

    /** How many answers to {@code op} carried {@code status}. */
    public long answered(BufferOp op, AccessStatus status) { return answered[op.ordinal()][status.ordinal()]; }

    @Override
    protected void bind(PortLayout io) {
        self = io.in("io_self");
        cmdValid = io.in("io_cmd_valid");
        cmdReady = io.out("io_cmd_ready");
        cmdOp = io.in("io_cmd_payload_op");
        cmdRef = io.in("io_cmd_payload_ref");
        cmdOffset = io.in("io_cmd_payload_offset");
        cmdData = io.in("io_cmd_payload_data");
        rspValid = io.out("io_rsp_valid");
        rspReady = io.in("io_rsp_ready");
        rspStatus = io.out("io_rsp_payload_status");
        rspRef = io.out("io_rsp_payload_ref");
        rspData = io.out("io_rsp_payload_data");
        reqValid = io.out("io_alloc_req_valid");
        reqReady = io.in("io_alloc_req_ready");
        reqBytes = io.out("io_alloc_req_payload_bytes");
        allocValid = io.in("io_alloc_rsp_valid");
        allocReady = io.out("io_alloc_rsp_ready");
        allocStatus = io.in("io_alloc_rsp_payload_status");
        allocIndex = io.in("io_alloc_rsp_payload_index");
        allocRef = io.in("io_alloc_rsp_payload_ref");
        freeValid = io.out("io_free_req_valid");
        freeReady = io.in("io_free_req_ready");
        freeRef = io.out("io_free_req_payload_ref");
        freeRspValid = io.in("io_free_rsp_valid");
        freeRspReady = io.out("io_free_rsp_ready");
        freeRspStatus = io.in("io_free_rsp_payload_status");
        takeValid = io.out("io_take_req_valid");
        takeReady = io.in("io_take_req_ready");
        takePayload = io.out("io_take_req_payload");
        takeRspValid = io.in("io_take_rsp_valid");
        takeRspReady = io.out("io_take_rsp_ready");
        takeRspPayload = io.in("io_take_rsp_payload");
        writeValid = io.out("io_write_valid");
        writeReady = io.in("io_write_ready");
        writeAddress = io.out("io_write_payload_address");
        writeData = io.out("io_write_payload_data");
        readValid = io.out("io_read_valid");
        readReady = io.in("io_read_ready");
        readAddress = io.out("io_read_payload");
        readDataValid = io.in("io_readData_valid");
        readData = io.in("io_readData_payload");
        flags = io.in("io_flags");
        waitBusy = io.in("io_waitBusy");
        claimedValid = io.out("io_claimed_valid");
        claimedIndex = io.out("io_claimed_payload");
        releasedValid = io.out("io_released_valid");
        releasedIndex = io.out("io_released_payload");
        ownerKind = new int[n];
        ownerEndpoint = new int[n];
        for (int i = 0; i < n; i++) {
            ownerKind[i] = io.in("io_owners_" + i + "_kind");
            ownerEndpoint[i] = io.in("io_owners_" + i + "_endpoint");
        }
        error = new int[kinds];
        for (int k = 0; k < kinds; k++) error[k] = io.out("io_error_" + k);
    }

    @Override
    protected void resetReference() {
        world = new Owners(cfg);
        me = rnd.nextInt(cfg.endpoints());
        offering = false;
        step = Step.NONE;
        allocAnswering = takeAnswering = freeAnswered = false;
        lastRead = -1;
        waiting = false;
        flaggedNow = null;
    }

    private boolean flagFree(int i) { return world.kind(i) == OwnerKind.NONE; }

    private int address(int buffer, int word) { return (buffer << log2(cfg.bufferWords())) + word; }

    private static int log2(int v) { return 32 - Integer.numberOfLeadingZeros(v - 1); }

    /** Now and then a buffer not in this port's hands changes holder (others' claims, messages, frees). */
    private void churn() {
        int i = rnd.nextInt(n);
        if (world.kind(i) == OwnerKind.CLAIMED && world.endpoint(i) == me) return;
        int other = (me + 1 + rnd.nextInt(Math.max(1, cfg.endpoints() - 1))) % cfg.endpoints();
        switch (rnd.nextInt(3)) {
            case 0 -> world.set(i, OwnerKind.NONE, 0);
            case 1 -> world.set(i, OwnerKind.MESSAGE, rnd.nextInt(cfg.endpoints()));
            default -> world.set(i, OwnerKind.CLAIMED, other);
        }
    }

    private int mineOrAny() {
        for (int d = 0, s = rnd.nextInt(n); d < n; d++) {
            int i = (s + d) % n;
            if (world.kind(i) == OwnerKind.CLAIMED && world.endpoint(i) == me) return i;
        }
        return rnd.nextInt(n);
    }

    private void offer() {
        int roll = rnd.nextInt(20);
        op = roll < 4 ? BufferOp.CLAIM : roll < 6 ? BufferOp.TAKE : roll < 11 ? BufferOp.READ : roll < 16 ? BufferOp.WRITE : BufferOp.FREE;
        int buffer = op == BufferOp.TAKE ? rnd.nextInt(n) : mineOrAny();
        ref = switch (rnd.nextInt(10)) {
            case 0 -> cfg.ref(buffer) + 4L * (1 + rnd.nextInt(cfg.bufferWords() - 1));
            case 1 -> cfg.ref(n - 1) + (long) cfg.bufferBytes() * (1 + rnd.nextInt(3));
            default -> op == BufferOp.CLAIM ? 0 : cfg.ref(buffer);
        };
        offset = rnd.nextInt(12) == 0 ? cfg.bufferWords() + rnd.nextInt(100) : rnd.nextInt(cfg.bufferWords());
        data = rnd.nextInt();
        offering = true;
    }

    @Override
    protected void drive(long cycle) {
        now = cycle;
        if (step == Step.NONE && !offering && rnd.nextInt(25) == 0) churn();
        if (rnd.nextInt(200) == 0) waiting = !waiting;
        if (!offering && step == Step.NONE && rnd.nextInt(3) == 0) offer();
        in[self] = me;
        in[cmdValid] = offering ? 1 : 0;
        in[cmdOp] = offering ? op.code() : 0;
        in[cmdRef] = offering ? (int) ref : 0;
        in[cmdOffset] = offering ? offset : 0;
        in[cmdData] = offering ? data : 0;
        in[rspReady] = rnd.nextInt(4) != 0 ? 1 : 0;
        in[waitBusy] = waiting ? 1 : 0;
        int f = 0;
        for (int i = 0; i < n; i++) {
            if (flagFree(i)) f |= 1 << i;
            in[ownerKind[i]] = world.kind(i).code();
            in[ownerEndpoint[i]] = world.endpoint(i);
        }
        in[flags] = f;
        in[reqReady] = step == Step.CLAIM && rnd.nextInt(3) != 0 ? 1 : 0;
        if (step == Step.CLAIM_ASKED && !allocAnswering && cycle >= due) {
            allocAnswering = true;
            allocSince = cycle;
            int free = -1;
            for (int d = 0, s = rnd.nextInt(n); d < n && free < 0; d++) if (flagFree((s + d) % n)) free = (s + d) % n;
            allocGives = free >= 0 && rnd.nextInt(4) != 0 ? AllocStatus.OK : AllocStatus.NONE;
            allocGivesIndex = allocGives == AllocStatus.OK ? free : 0;
        }
        in[allocValid] = allocAnswering ? 1 : 0;
        in[allocStatus] = allocAnswering ? allocGives.code() : 0;
        in[allocIndex] = allocAnswering ? allocGivesIndex : 0;
        in[allocRef] = allocAnswering && allocGives == AllocStatus.OK ? (int) cfg.ref(allocGivesIndex) : 0;
        in[takeReady] = rnd.nextInt(3) != 0 ? 1 : 0;
        if (step == Step.TAKE && takeFireSeen && !takeAnswering && cycle >= due) {
            takeAnswering = true;
            takeWon = flagFree(index);
        }
        in[takeRspValid] = takeAnswering ? 1 : 0;
        in[takeRspPayload] = takeAnswering && takeWon ? 1 : 0;
        in[writeReady] = rnd.nextInt(4) != 0 ? 1 : 0;
        in[readReady] = rnd.nextInt(4) != 0 ? 1 : 0;
        in[readDataValid] = lastRead >= 0 ? 1 : 0;
        in[readData] = lastRead >= 0 ? pool.getOrDefault(lastRead, lastRead * 0x01000193) : 0;
        in[freeReady] = rnd.nextInt(3) != 0 ? 1 : 0;
        boolean freeAnswer = step == Step.FREED && !freeAnswered && cycle >= due;
        in[freeRspValid] = freeAnswer ? 1 : 0;
        in[freeRspStatus] = freeAnswer ? FreeStatus.OK.code() : 0;
    }

    /** The model's decision for the command taken now, and what the port must do about it. */
    private void decide() {
        index = cfg.indexOf(ref & 0xffff_ffffL);
        expectedRef = 0;
        expectedData = 0;
        scrubbed = 0;
        takeFireSeen = false;
        if (op == BufferOp.CLAIM) {
            expected = null;
            step = in[waitBusy] != 0 ? Step.DECIDED : Step.CLAIM;
            if (step == Step.DECIDED) expected = AccessStatus.NONE;
            return;
        }
        if (op == BufferOp.TAKE) {
            expected = index < 0 ? AccessStatus.INVALID_REF : null;
            step = index < 0 ? Step.REFUSED : in[waitBusy] != 0 ? Step.DECIDED : Step.TAKE;
            if (index >= 0 && in[waitBusy] != 0) expected = AccessStatus.NONE;
            return;
        }
        expected = world.decide(me, op, ref & 0xffff_ffffL, offset, index >= 0 && flagFree(index));
        if (expected != AccessStatus.OK) {
            step = Step.REFUSED;
        } else {
            step = op == BufferOp.READ ? Step.READ : op == BufferOp.WRITE ? Step.WRITE : cfg.zeroize() ? Step.SCRUB : Step.FREE;
        }
    }

    @Override
    protected String check(long cycle) {
        cmdFire = intoUnit(cmdValid, cmdReady);
        rspFire = outOfUnit(rspValid, rspReady);
        reqFire = outOfUnit(reqValid, reqReady);
        allocFire = intoUnit(allocValid, allocReady);
        freeFire = outOfUnit(freeValid, freeReady);
        takeFire = outOfUnit(takeValid, takeReady);
        takeRspFire = intoUnit(takeRspValid, takeRspReady);
        writeFire = outOfUnit(writeValid, writeReady);
        readFire = outOfUnit(readValid, readReady);
        if ((out[cmdReady] != 0) != (step == Step.NONE)) return "command ready " + out[cmdReady] + " with a command " + (step == Step.NONE ? "not " : "") + "in the port";
        // The answer due now follows from the steps before this cycle (a command taken now is answered from the next).
        AccessStatus due = dueAnswer();
        // A refusal is flagged in the cycle after its command is taken, and only then.
        for (int k = 0; k < kinds; k++) {
            boolean want = flaggedNow != null && flaggedNow.bit() == k;
            if ((out[error[k]] != 0) != want) return "error bit " + ErrorKind.values()[k] + " " + out[error[k]] + " for " + describe();
        }
        flaggedNow = null;
        if (cmdFire) {
            decide();
            if (step == Step.REFUSED) flaggedNow = expected.error();
        }
        if (out[reqValid] != 0 && step != Step.CLAIM) return "an allocation request outside a CLAIM (" + describe() + ")";
        if (reqFire && out[reqBytes] != cfg.bufferBytes()) return "a CLAIM asked for " + out[reqBytes] + " bytes";
        if (out[takeValid] != 0 && (step != Step.TAKE || takeFireSeen)) return "a take outside a TAKE (" + describe() + ")";
        if (takeFire && out[takePayload] != index) return "took flag " + out[takePayload] + ", the command named " + index;
        if (out[readValid] != 0 && (step != Step.READ || lastRead >= 0)) return "a pool read outside a READ (" + describe() + ")";
        if (readFire && out[readAddress] != address(index, offset)) return "read " + out[readAddress] + " for " + describe();
        if (out[writeValid] != 0) {
            if (step == Step.WRITE) {
                if (out[writeAddress] != address(index, offset) || out[writeData] != data) return "write [" + out[writeAddress] + "] for " + describe();
            } else if (step == Step.SCRUB) {
                if (out[writeAddress] != address(index, scrubbed) || out[writeData] != 0) return "scrub [" + out[writeAddress] + "] = " + out[writeData] + ", expected word " + scrubbed + " of buffer " + index + " = 0";
            } else {
                return "a pool write outside a WRITE or a FREE's scrub (" + describe() + ")";
            }
        }
        if (out[freeValid] != 0 && step != Step.FREE) return "a free outside a FREE, or before its scrub ended (" + describe() + ")";
        if (freeFire && (out[freeRef] & 0xffff_ffffL) != cfg.ref(index)) return "freed " + Integer.toHexString(out[freeRef]) + " for " + describe();
        if (out[freeRspReady] == 0) return "free answer not taken";
        boolean freeAnswer = in[freeRspValid] != 0;
        if ((out[releasedValid] != 0) != freeAnswer || freeAnswer && out[releasedIndex] != index) return "released " + out[releasedValid] + " index " + out[releasedIndex];
        boolean firstOk = allocAnswering && allocGives == AllocStatus.OK && allocSince == cycle;
        boolean won = takeRspFire && takeWon;
        if ((out[claimedValid] != 0) != (firstOk || won)) return "claimed " + out[claimedValid] + " for " + describe();
        if (firstOk && out[claimedIndex] != allocGivesIndex) return "claimed " + out[claimedIndex] + ", the allocator gave " + allocGivesIndex;
        if (won && out[claimedIndex] != index) return "claimed " + out[claimedIndex] + " after a TAKE of " + index;
        // The answer: shown only when its decision is known, with the status, reference and data it must carry.
        if ((out[rspValid] != 0) != (due != null)) return "answer valid " + out[rspValid] + ", expected " + (due == null ? "none" : due) + " for " + describe();
        if (due != null) {
            int wantData = op == BufferOp.READ && due == AccessStatus.OK ? expectedData : 0;
            if (AccessStatus.ofCode(out[rspStatus]) != due || (out[rspRef] & 0xffff_ffffL) != expectedRef || out[rspData] != wantData) {
                return "answered " + AccessStatus.ofCode(out[rspStatus]) + String.format(" ref %08x data %08x", out[rspRef], out[rspData]) + ", expected "
                    + due + String.format(" ref %08x data %08x", expectedRef, wantData) + " for " + describe();
            }
            if (step == Step.CLAIM_ASKED && rspFire != allocFire) return "the answer and the allocator's were not taken together";
        }
        return null;
    }

    private AccessStatus dueAnswer() {
        if (step == Step.DECIDED) return expected;
        if (step == Step.CLAIM_ASKED && allocAnswering) {
            expectedRef = allocGives == AllocStatus.OK ? cfg.ref(allocGivesIndex) : 0;
            return allocGives == AllocStatus.OK ? AccessStatus.OK : AccessStatus.NONE;
        }
        return null;
    }

    private String describe() {
        return (op == null ? "no command" : op + String.format(" %08x", ref) + " word " + offset + " (buffer " + index + ")") + ", step " + step;
    }

    @Override
    protected void clock() {
        if (cmdFire) offering = false;
        // A refused command spends the cycle after it was taken in its op's state, then answers.
        else if (step == Step.REFUSED) step = Step.DECIDED;
        if (step == Step.CLAIM && in[waitBusy] != 0 && !reqFire) {
            // Checked again the cycle after the command: a sender may have joined since.
            step = Step.DECIDED;
            expected = AccessStatus.NONE;
        }
        if (reqFire) {
            step = Step.CLAIM_ASKED;
            due = now + 1 + rnd.nextInt(3);
        }
        if (allocFire) {
            if (allocGives == AllocStatus.OK) world.set(allocGivesIndex, OwnerKind.CLAIMED, me);
            answered[op.ordinal()][(allocGives == AllocStatus.OK ? AccessStatus.OK : AccessStatus.NONE).ordinal()]++;
            allocAnswering = false;
            step = Step.NONE;
            transaction();
        }
        if (takeFire) {
            takeFireSeen = true;
            due = now + 1 + rnd.nextInt(3);
        }
        if (takeRspFire) {
            takeAnswering = false;
            if (takeWon) world.set(index, OwnerKind.CLAIMED, me);
            expected = takeWon ? AccessStatus.OK : AccessStatus.NONE;
            expectedRef = takeWon ? cfg.ref(index) : 0;
            step = Step.DECIDED;
        }
        lastRead = readFire ? out[readAddress] : -1;
        if (readFire) expectedData = pool.getOrDefault(out[readAddress], out[readAddress] * 0x01000193);
        if (step == Step.READ && in[readDataValid] != 0) step = Step.DECIDED;
        if (writeFire) {
            pool.put(out[writeAddress], out[writeData]);
            if (step == Step.WRITE) step = Step.DECIDED;
            else if (++scrubbed == cfg.bufferWords()) step = Step.FREE;
        }
        if (freeFire) {
            step = Step.FREED;
            freeAnswered = false;
            due = now + 1 + rnd.nextInt(3);
        }
        if (in[freeRspValid] != 0) {
            world.set(index, OwnerKind.NONE, 0);
            freeAnswered = true;
            step = Step.DECIDED;
        }
        if (rspFire && step == Step.DECIDED) {
            answered[op.ordinal()][expected.ordinal()]++;
            step = Step.NONE;
            transaction();
        }
    }
}
