package swapipc.hdl

import spinal.core._
import spinal.lib._
import swapipc.model.{AccessStatus, AllocStatus, BufferOp, Config, ErrorKind, OwnerKind}

/** A BufferPort command (BufferOp code): `ref` names a buffer by its byte address, `offset` a word in it. */
case class BufferCmd() extends Bundle {
  val op = UInt(BufferOp.BITS bits)
  val ref = UInt(32 bits)
  val offset = UInt(16 bits)
  val data = Bits(32 bits)
}

/** A BufferPort answer (AccessStatus code); `ref` is the claimed buffer (CLAIM, TAKE), `data` the word read (READ). */
case class BufferRsp() extends Bundle {
  val status = UInt(AccessStatus.BITS bits)
  val ref = UInt(32 bits)
  val data = Bits(32 bits)
}

/**
 * One endpoint's own access to the pool by reference: the seed's Figs. 6 and 7 as software runs
 * them (what the register core maps to CLAIM, FLAG_CLAIM, FREE and the pool window). CLAIM allocates
 * (fail-fast, through the lane the BufferPorts share, and NONE while senders wait, so a claim never
 * overtakes them); TAKE swaps one named flag (the FlagTaker: OK if it was free, else NONE, and NONE
 * while senders wait), refused only for an invalid reference; READ, WRITE and FREE are allowed
 * only on buffers this endpoint claimed (OwnerTable: CLAIMED by this endpoint). Anything else is
 * refused with INVALID_REF, FOREIGN, OUT_OF_RANGE or DOUBLE_FREE, decided in the cycle the command
 * is taken (on the owner table of that cycle), answered in the cycle after next, reported on
 * `error` in the cycle after the command, and changes nothing. With zeroize a FREE clears the
 * whole buffer before its flag is set.
 */
class BufferPort(cfg: Config) extends Component {
  private val n = cfg.buffers()
  private val kinds = ErrorKind.values().length
  val io = new Bundle {
    val self = in UInt (cfg.endpointBits() bits)
    val cmd = slave(Stream(BufferCmd()))
    val rsp = master(Stream(BufferRsp()))
    val alloc = master(AllocChannel(cfg))
    val free = master(FreeChannel(cfg))
    val take = master(TakeChannel(cfg))
    val write = master(Stream(PoolWrite(cfg)))
    val read = master(Stream(UInt(MsgWidths.poolAddrBits(cfg) bits)))
    val readData = slave(Flow(Bits(32 bits)))
    val owners = in Vec (Owner(cfg), n)
    val flags = in Bits (n bits)
    val waitBusy = in Bool()
    /** The claim answered OK: this flag reads 0 from this cycle on. */
    val claimed = master(Flow(UInt(cfg.indexBits() bits)))
    /** A FREE's flag reads 1 from this cycle on. */
    val released = master(Flow(UInt(cfg.indexBits() bits)))
    /** One bit per ErrorKind, in the cycle a refused command is taken. */
    val error = out Vec (Bool(), kinds)
    /** Buffers claimed and not yet free: counted while their flag reads 0. */
    val holds = cfg.debugPorts() generate (out UInt (cfg.countBits() bits))
  }

  object State extends SpinalEnum(binaryOneHot) {
    val IDLE, CLAIM, CLAIM_ANSWER, TAKE, TAKE_ANSWER, READ, READ_WAIT, WRITE, SCRUB, FREE, FREE_WAIT, ANSWER = newElement()
  }
  import State._

  private def status(s: AccessStatus) = U(s.code(), AccessStatus.BITS bits)
  private def op(o: BufferOp) = io.cmd.op === o.code()

  val state = Reg(State()) init IDLE
  val cmdOp = Reg(UInt(BufferOp.BITS bits)) init 0
  val offset = Reg(UInt(MsgWidths.tempAddrBits(cfg) bits)) init 0
  val data = Reg(Bits(32 bits)) init 0
  val target = Reg(UInt(cfg.indexBits() bits)) init 0
  val rspStatus = Reg(UInt(AccessStatus.BITS bits)) init 0
  val rspData = Reg(Bits(32 bits)) init 0
  val scrubPtr = Reg(UInt(MsgWidths.tempAddrBits(cfg) bits)) init 0

  val ref = Refs.decode(cfg, io.cmd.ref)
  val validRef = ref.valid
  val index = ref.index
  // Every entry compared before the lookup, so the command's index selects one bit, not an
  // entry to compare after. A one-buffer pool has a one-bit index and a one-entry table.
  val mineAll = Vec(io.owners.map(o => o.kind === OwnerKind.CLAIMED.code() && o.endpoint === io.self))
  val flagFree = if (n == 1) io.flags(0) else io.flags(index)
  val mine = if (n == 1) mineAll(0) else mineAll(index)
  val inRange = Compare.below(io.cmd.offset, cfg.bufferWords())
  // CLAIM and TAKE need no owner: a CLAIM names no buffer, a TAKE is refused only for a bad reference.
  val ownerChecked = !op(BufferOp.CLAIM) && !op(BufferOp.TAKE)
  val refused = (op(BufferOp.TAKE) && !validRef) || (ownerChecked && (!validRef || !mine || (!op(BufferOp.FREE) && !inRange)))
  val verdict = Mux(!validRef, status(AccessStatus.INVALID_REF),
    Mux(op(BufferOp.FREE) && !mine && flagFree, status(AccessStatus.DOUBLE_FREE),
      Mux(!mine, status(AccessStatus.FOREIGN), status(AccessStatus.OUT_OF_RANGE))))

  io.cmd.ready := state === IDLE
  // The owner check only fills registers: the command's state follows from its op alone, and a
  // refused command leaves that state for ANSWER in the next cycle, having requested nothing.
  val refusedCmd = Reg(Bool()) init False
  val errors = Vec.fill(kinds)(Reg(Bool()) init False)
  for (kind <- ErrorKind.values()) {
    val status = AccessStatus.values().find(s => s.error() == kind)
    errors(kind.bit()) := (status match {
      case Some(s) => io.cmd.fire && refused && verdict === s.code()
      case None => False
    })
  }
  io.error := errors
  when(io.cmd.fire) {
    cmdOp := io.cmd.op
    offset := io.cmd.offset.resized
    data := io.cmd.data
    target := index
    refusedCmd := refused
    scrubPtr := 0
    rspStatus := Mux(refused, verdict, Mux(op(BufferOp.CLAIM) || op(BufferOp.TAKE), status(AccessStatus.NONE), status(AccessStatus.OK)))
    when(op(BufferOp.CLAIM)) {
      state := Mux(io.waitBusy, ANSWER, CLAIM)
    } elsewhen (op(BufferOp.TAKE)) {
      // NONE while senders wait; an invalid reference is refused from the TAKE state like any refusal.
      state := Mux(io.waitBusy && validRef, ANSWER, TAKE)
    } elsewhen (op(BufferOp.READ)) {
      state := READ
    } elsewhen (op(BufferOp.WRITE)) {
      state := WRITE
    } otherwise {
      state := (if (cfg.zeroize()) SCRUB else FREE)
    }
  }
  private val refusing = refusedCmd && (state === TAKE || state === READ || state === WRITE || state === SCRUB || state === FREE)
  when(refusing) { state := ANSWER }

  // CLAIM: a whole buffer, answered straight from the allocator. The request goes out the cycle
  // after the command, so the wait list is checked again then: a sender may have joined since
  // (and the allocator checks it once more when it decides: it answers NONE to a CLAIM while
  // senders wait).
  io.alloc.req.valid := state === CLAIM && !io.waitBusy
  when(state === CLAIM && io.waitBusy) { state := ANSWER }
  io.alloc.req.bytes := cfg.bufferBytes()
  when(io.alloc.req.fire) { state := CLAIM_ANSWER }
  val granted = io.alloc.rsp.status === AllocStatus.OK.code()
  io.alloc.rsp.ready := state === CLAIM_ANSWER && io.rsp.ready
  when(io.alloc.rsp.fire) { state := IDLE }

  // TAKE: one flag swapped (FlagTaker); won, the buffer is this endpoint's as after a CLAIM.
  io.take.req.valid := state === TAKE && !refusedCmd
  io.take.req.payload := target
  when(io.take.req.fire) { state := TAKE_ANSWER }
  io.take.rsp.ready := state === TAKE_ANSWER
  when(io.take.rsp.fire) {
    rspStatus := Mux(io.take.rsp.payload, status(AccessStatus.OK), status(AccessStatus.NONE))
    state := ANSWER
  }
  private val took = io.take.rsp.fire && io.take.rsp.payload
  io.claimed.valid := (Answers.firstCycle(io.alloc.rsp) && granted) || took
  io.claimed.payload := Mux(took, target, io.alloc.rsp.index)

  val wordAddress = MsgWidths.poolAddress(cfg, target, Mux(state === SCRUB, scrubPtr, offset))
  io.read.valid := state === READ && !refusedCmd
  io.read.payload := wordAddress
  when(io.read.fire) { state := READ_WAIT }
  when(state === READ_WAIT && io.readData.valid) {
    rspData := io.readData.payload
    state := ANSWER
  }

  io.write.valid := (state === WRITE || state === SCRUB) && !refusedCmd
  io.write.address := wordAddress
  io.write.data := Mux(state === SCRUB, B(0, 32 bits), data)
  when(io.write.fire && state === WRITE) { state := ANSWER }
  when(io.write.fire && state === SCRUB) {
    scrubPtr := scrubPtr + 1
    when(scrubPtr === cfg.bufferWords() - 1) { state := FREE }
  }

  io.free.req.valid := state === FREE && !refusedCmd
  io.free.req.ref := Refs.of(cfg, target)
  io.free.rsp.ready := True
  when(io.free.req.fire) { state := FREE_WAIT }
  io.released.valid := io.free.rsp.valid
  io.released.payload := target
  when(io.free.rsp.valid) { state := ANSWER }

  io.rsp.valid := state === ANSWER || (state === CLAIM_ANSWER && io.alloc.rsp.valid)
  SimChecks.held(cfg, io.rsp, "a BufferPort answer")
  io.rsp.status := Mux(state === ANSWER, rspStatus, Mux(granted, status(AccessStatus.OK), status(AccessStatus.NONE)))
  private val tookRef = cmdOp === BufferOp.TAKE.code() && rspStatus === AccessStatus.OK.code()
  io.rsp.ref := Mux(state === ANSWER, Mux(tookRef, Refs.of(cfg, target), U(0, 32 bits)),
    Mux(granted, Refs.of(cfg, io.alloc.rsp.index), U(0, 32 bits)))
  io.rsp.data := Mux(state === ANSWER && cmdOp === BufferOp.READ.code() && rspStatus === AccessStatus.OK.code(), rspData, B(0, 32 bits))
  when(state === ANSWER && io.rsp.ready) { state := IDLE }

  if (cfg.debugPorts()) {
    val holding = Reg(UInt(cfg.countBits() bits)) init 0
    // A freed buffer is held until its free is answered: its flag reads free from that cycle.
    val next = holding + U(io.claimed.valid).resized - U(io.free.rsp.valid).resized
    holding := next
    io.holds := next
  }
}
