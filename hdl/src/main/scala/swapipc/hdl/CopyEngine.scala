package swapipc.hdl

import spinal.core._
import spinal.lib._
import swapipc.model.{Config, MessageKind, ReleasePolicy, WireFormat}

/**
 * Claims 7e/12e and the release of 7f/12f for one receiving endpoint. Takes the next descriptor
 * once the receiver has released its temporary memory, copies header and arguments into it (from
 * the shared buffer at one word per cycle, or from the descriptor for an inline message), then
 * frees the shared buffer at once through the Deallocator (EARLY). The flag is free from the
 * cycle after the free request, and that is the cycle the message is presented to the receiver.
 *
 * ON_RETURN instead keeps a CALL's buffer: in this engine while the call is presented, then in
 * HeldCalls from the cycle the receiver takes it (so only a call its callee has taken can be
 * answered, and a RETURN never releases a call still waiting to be taken, even if its caller
 * reused the tag). When a RETURN arrives, its own buffer is freed first and then the held buffer
 * of the call it answers.
 *
 * With zeroize, each word copied out is overwritten with zero one cycle behind the copy (the
 * pool's write port), so a buffer is clean when it is freed; the message path writes nothing
 * beyond a message's words. The free waits for the last zero only when the write port was busy.
 */
class CopyEngine(cfg: Config) extends Component {
  private val onReturn = cfg.releasePolicy() == ReleasePolicy.ON_RETURN
  val io = new Bundle {
    val desc = slave(Stream(Descriptor(cfg)))
    val read = master(Stream(UInt(MsgWidths.poolAddrBits(cfg) bits)))
    val readData = slave(Flow(Bits(32 bits)))
    val temp = master(Flow(TempWrite(cfg)))
    val scrub = cfg.zeroize() generate master(Stream(PoolWrite(cfg)))
    val free = master(FreeChannel(cfg))
    val present = master(Event)
    val freed = master(Flow(UInt(cfg.indexBits() bits)))
    val hold = onReturn generate master(Flow(HoldReq(cfg)))
    val lookupCallee = onReturn generate (out UInt (cfg.endpointBits() bits))
    val lookupTag = onReturn generate (out UInt (WireFormat.TAG.width() bits))
    val found = onReturn generate (in Bool())
    val foundIndex = onReturn generate (in UInt (cfg.indexBits() bits))
    val release = onReturn generate master(Flow(UInt(cfg.indexBits() bits)))
    /** debugPorts: a pool buffer is in this engine's hands (copying, or its free not yet visible). */
    val holds = cfg.debugPorts() generate (out Bool())
    val busy = out Bool()
  }

  object State extends SpinalEnum(binaryOneHot) {
    val IDLE, COPY, SCRUB, FREE, FREE_WAIT, LOOKUP, FREE_HELD, FREE_HELD_WAIT, PRESENT = newElement()
  }
  import State._

  private val words = MsgWidths.wordCountBits(cfg)
  val state = Reg(State()) init IDLE
  val desc = Reg(Descriptor(cfg))
  val readPtr = Reg(UInt(words bits)) init 0
  val writePtr = Reg(UInt(words bits)) init 0
  val heldIndex = Reg(UInt(cfg.indexBits() bits)) init 0

  // The message's last word, registered with the descriptor: the compares that use it start
  // from registers, not from an adder on the descriptor's length.
  val last = Reg(UInt(words bits)) init 0
  /** readPtr < the word count, kept in a register: the read request starts the pool's read arbiter, so no compare precedes it. */
  val moreToRead = Reg(Bool()) init False
  val isReturn = desc.header.kind === MessageKind.RETURN.code()

  // The first word of a pooled message is read in the cycle its descriptor is taken.
  val starting = state === IDLE && io.desc.valid && io.desc.pooled
  io.desc.ready := state === IDLE
  io.read.valid := starting || (state === COPY && desc.pooled && moreToRead)
  io.read.payload := Mux(state === IDLE, MsgWidths.poolAddress(cfg, io.desc.index, U(0)), MsgWidths.poolAddress(cfg, desc.index, readPtr))
  when(io.read.fire) {
    readPtr := readPtr + 1
    moreToRead := readPtr =/= last
  }
  /** The offered message's word count (header and arguments). */
  val total = UInt(words bits)
  total := (MsgWidths.argWords(io.desc.payload.header.length) + WireFormat.HEADER_WORDS).resized
  when(io.desc.fire) {
    last := total - 1
    desc := io.desc.payload
    readPtr := Mux(io.read.fire, U(1), U(0)).resized
    moreToRead := !io.read.fire || total =/= 1
    writePtr := 0
    state := COPY
  }

  // COPY: pooled messages stream out of the SharedPool (read answered next cycle); inline ones
  // are written from the descriptor.

  val fromDescriptor = desc.headerWords ++ desc.inline
  val inlineWord = fromDescriptor.head.clone()
  inlineWord := fromDescriptor.head
  for ((w, k) <- fromDescriptor.zipWithIndex if k > 0) when(writePtr === k) { inlineWord := w }
  io.temp.valid := state === COPY && Mux(desc.pooled, io.readData.valid, True)
  io.temp.address := writePtr.resized
  io.temp.data := Mux(desc.pooled, io.readData.payload, inlineWord)

  // Where a copied message goes next: free its buffer, present it (an ON_RETURN call, held when
  // taken), or find the held call.
  val holdOnTake = onReturn generate (desc.pooled && !isReturn)
  val copied = State()
  copied := Mux(desc.pooled, FREE, PRESENT)
  if (onReturn) when(holdOnTake) { copied := PRESENT } elsewhen (!desc.pooled && isReturn) { copied := LOOKUP }

  // Zeroize: word k is cleared once its read has been answered (never in the cycle it is read).
  val scrubDone = if (cfg.zeroize()) {
    val scrubPtr = Reg(UInt(words bits)) init 0
    // scrubPtr < writePtr and scrubPtr < the word count, each kept in a register (the scrub request starts
    // the pool's write arbiter, so no compare precedes it): `lag` is writePtr - scrubPtr.
    val lag = Reg(UInt(words bits)) init 0
    val behind = Reg(Bool()) init False
    // Set only for a pooled message, cleared by its last scrub, which the state waits for before
    // it leaves COPY or SCRUB: so it implies a pooled message in COPY or SCRUB, and the scrub
    // request is one gate.
    val moreToScrub = Reg(Bool()) init False
    SimChecks.always(cfg, !moreToScrub || desc.pooled && (state === COPY || state === SCRUB),
      "CopyEngine: a scrub is pending outside a pooled message's copy")
    val answered = behind || io.readData.valid
    io.scrub.valid := moreToScrub && answered
    io.scrub.address := MsgWidths.poolAddress(cfg, desc.index, scrubPtr)
    io.scrub.data := 0
    // The fires (the write arbiter's grant among them) only select: lag +- 1 and its compares
    // come from the registers, so no adder or compare follows the grant.
    val up = io.temp.fire && !io.scrub.fire
    val down = io.scrub.fire && !io.temp.fire
    lag := Mux(up, lag + 1, Mux(down, lag - 1, lag))
    behind := Mux(up, True, Mux(down, lag =/= 1, behind))
    when(io.scrub.fire) {
      scrubPtr := scrubPtr + 1
      moreToScrub := scrubPtr =/= last
    }
    when(io.desc.fire) {
      scrubPtr := 0
      lag := 0
      behind := False
      moreToScrub := io.desc.pooled
    }
    !desc.pooled || (io.scrub.fire && scrubPtr === last)
  } else True

  when(io.temp.fire) {
    writePtr := writePtr + 1
    when(writePtr === last) { state := Mux(scrubDone, copied, SCRUB) }
  }
  when(state === SCRUB && scrubDone) { state := copied }

  io.free.req.valid := state === FREE || state === FREE_HELD
  io.free.req.ref := Refs.of(cfg, Mux(state === FREE, desc.index, heldIndex))
  io.free.rsp.ready := True
  when(io.free.req.fire) { state := Mux(state === FREE, FREE_WAIT, FREE_HELD_WAIT) }
  // The answer arrives the cycle the flag is visibly free: that is the `freed` event, and the
  // message is presented in the same cycle unless a held call buffer is still to be freed.
  io.freed.valid := io.free.rsp.valid
  io.freed.payload := Mux(state === FREE_WAIT, desc.index, heldIndex)
  val lastFree = io.free.rsp.valid && (if (onReturn) !(state === FREE_WAIT && isReturn) else True)
  when(io.free.rsp.valid) {
    state := PRESENT
    if (onReturn) when(state === FREE_WAIT && isReturn) { state := LOOKUP }
  }

  if (onReturn) {
    io.hold.valid := state === PRESENT && holdOnTake && io.present.fire
    io.hold.index := desc.index
    io.hold.caller := desc.src
    io.hold.tag := desc.header.tag

    io.lookupCallee := desc.src
    io.lookupTag := desc.header.tag
    when(state === LOOKUP) {
      heldIndex := io.foundIndex
      state := Mux(io.found, FREE_HELD, PRESENT)
    }
    io.release.valid := state === FREE_HELD && io.free.req.fire
    io.release.payload := heldIndex
  }

  io.present.valid := state === PRESENT || lastFree
  when(io.present.fire) { state := IDLE }

  // Also while a free waits for its decision: its flag reads free from the cycle of its answer.
  if (cfg.debugPorts()) {
    io.holds := (desc.pooled && (state === COPY || state === SCRUB || state === FREE || state === FREE_WAIT) ||
      state === FREE_HELD_WAIT) && !io.free.rsp.valid || (if (onReturn) state === PRESENT && holdOnTake else False)
  }
  io.busy := state =/= IDLE
}
