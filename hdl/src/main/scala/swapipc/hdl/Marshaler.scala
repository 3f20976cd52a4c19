package swapipc.hdl

import spinal.core._
import spinal.lib._
import swapipc.model.{AllocStatus, Config, SendStatus, WireFormat}

/**
 * Claims 7b/12b for one endpoint: takes a send command, allocates a buffer through the control
 * area, writes the header and the sender's argument words into it, and hands the descriptor to
 * the Indicator. A message of at most inlineBytes takes no buffer: its words ride in the
 * descriptor. The sender's answer comes straight from the allocator (OK with the buffer index,
 * or NONE), or from here (BAD_DEST, TOO_LONG; OK for inline messages), before any data is taken.
 *
 * When no buffer is free a blocking send joins the WaitList and, once at the head, retries every
 * other cycle (request, answer) until it gets one; a fail-fast send is answered NONE. While anyone waits, new sends do not allocate, so
 * waiters are served in arrival order.
 */
class Marshaler(cfg: Config) extends Component {
  val io = new Bundle {
    /** This Marshaler's endpoint number, the messages' source (an input, so all endpoints share one module). */
    val self = in UInt (cfg.endpointBits() bits)
    val cmd = slave(Stream(SendCmd()))
    val data = slave(Stream(Bits(32 bits)))
    val rsp = master(Stream(SendRsp(cfg)))
    val alloc = master(AllocChannel(cfg))
    val write = master(Stream(PoolWrite(cfg)))
    val post = master(Stream(Descriptor(cfg)))
    val waitJoin = master(Event)
    val waitHead = in Bool()
    val waitBusy = in Bool()
    val waitLeave = out Bool()
    /** This endpoint is about to join the wait list (so others hold back already). */
    val joining = out Bool()
    val allocated = master(Flow(UInt(cfg.indexBits() bits)))
    /** debugPorts: a buffer is allocated to this Marshaler and not yet posted. */
    val holds = cfg.debugPorts() generate (out Bool())
  }

  object State extends SpinalEnum(binaryOneHot) {
    val IDLE, ALLOC, JOIN, WAIT, ANSWER, INLINE, WRITE, POST = newElement()
  }
  import State._

  private val words = MsgWidths.wordCountBits(cfg)
  val state = Reg(State()) init IDLE
  val cmd = Reg(SendCmd())
  val pooled = Reg(Bool()) init False
  val inList = Reg(Bool()) init False
  val index = Reg(UInt(cfg.indexBits() bits)) init 0
  val status = Reg(UInt(SendStatus.BITS bits)) init 0
  val ptr = Reg(UInt(words bits)) init 0
  val inline = Vec.fill(MsgWidths.inlineWords(cfg))(Reg(Bits(32 bits)) init 0)

  /** ptr < HEADER_WORDS as a test of its high bits: yosys maps a compare to a carry chain, which sat on the pool write path. */
  require(isPow2(WireFormat.HEADER_WORDS) && words > log2Up(WireFormat.HEADER_WORDS))
  private val inHeader = ptr(words - 1 downto log2Up(WireFormat.HEADER_WORDS)) === 0
  /** ptr at the message's last word (INLINE: the last argument word; WRITE: the header words come first), kept from the command: the end test was an adder and a compare on the state's path. */
  val lastPtr = Reg(UInt(words bits)) init 0

  private def code(s: SendStatus) = U(s.code(), SendStatus.BITS bits)
  private def argWords(c: SendCmd): UInt = MsgWidths.argWords(c.header.length).resize(words)

  val incoming = io.cmd.payload
  val badDest = if (cfg.endpoints() < (1 << WireFormat.SOURCE.width())) incoming.dst >= cfg.endpoints() else False
  val isInline = Compare.atMost(incoming.header.length, cfg.inlineBytes())
  // Refused here, before any allocation, so a bad send never waits behind good ones.
  val tooLong = !isInline && !Compare.atMost(incoming.header.length, cfg.maxArgBytes())
  val needsAlloc = !badDest && !isInline && !tooLong && !io.waitBusy
  private def bytes(c: SendCmd): UInt = (c.header.length + WireFormat.HEADER_BYTES).resize(16)

  io.alloc.req.valid := (state === IDLE && io.cmd.valid && needsAlloc) || (state === WAIT && io.waitHead)
  io.alloc.req.bytes := Mux(state === IDLE, bytes(incoming), bytes(cmd))
  // In IDLE this lane has nothing pending, so the allocator is ready unless the control area is
  // initializing. Every command waits for that, whether it needs a buffer or not: the ready then
  // depends on no payload bit, and the compares above only steer where the command goes.
  io.cmd.ready := state === IDLE && io.alloc.req.ready

  when(io.cmd.fire) {
    cmd := incoming
    pooled := !isInline
    ptr := 0
    lastPtr := Mux(isInline, argWords(incoming) - 1, argWords(incoming) + (WireFormat.HEADER_WORDS - 1))
    when(badDest) {
      status := code(SendStatus.BAD_DEST)
      state := ANSWER
    } elsewhen (tooLong) {
      status := code(SendStatus.TOO_LONG)
      state := ANSWER
    } elsewhen (isInline) {
      status := code(SendStatus.OK)
      state := ANSWER
    } elsewhen (io.waitBusy) {
      status := code(SendStatus.NONE)
      state := Mux(incoming.blocking, JOIN, ANSWER)
    } otherwise {
      state := ALLOC
    }
  }
  when(state === WAIT && io.alloc.req.fire) { state := ALLOC }

  // ALLOC: the allocator's answer goes to the sender as it is, unless a blocking send must wait.
  val answer = io.alloc.rsp.payload
  val granted = answer.status === AllocStatus.OK.code()
  val mustWait = answer.status === AllocStatus.NONE.code() && cmd.blocking
  val inAlloc = state === ALLOC && io.alloc.rsp.valid
  io.alloc.rsp.ready := state === ALLOC && (mustWait || io.rsp.ready)
  io.joining := (inAlloc && mustWait && !inList) || state === JOIN
  io.waitLeave := io.allocated.valid && inList
  // The flag reads 0 from the answer's first cycle, even if the sender takes the answer later.
  io.allocated.valid := Answers.firstCycle(io.alloc.rsp) && state === ALLOC && granted
  io.allocated.payload := answer.index
  when(io.alloc.rsp.fire) {
    when(mustWait) {
      state := Mux(inList, WAIT, JOIN)
    } otherwise {
      index := answer.index
      inList := False
      state := Mux(granted, WRITE, IDLE)
    }
  }

  io.waitJoin.valid := state === JOIN
  when(io.waitJoin.fire) {
    inList := True
    state := WAIT
  }

  io.rsp.valid := inAlloc && !mustWait || state === ANSWER
  SimChecks.held(cfg, io.rsp, "a send's answer")
  io.rsp.pooled := pooled
  io.rsp.status := Mux(state === ANSWER, status,
    Mux(granted, code(SendStatus.OK), code(SendStatus.NONE)))
  io.rsp.index := Mux(state === ANSWER, U(0, cfg.indexBits() bits), answer.index)
  when(state === ANSWER && io.rsp.ready) {
    state := Mux(status =/= SendStatus.OK.code(), IDLE, Mux(cmd.header.length === 0, POST, INLINE))
  }

  // INLINE: collect the argument words into the descriptor.
  io.data.ready := state === INLINE || (state === WRITE && !inHeader && io.write.ready)
  when(state === INLINE && io.data.valid) {
    for ((w, k) <- inline.zipWithIndex) when(ptr === k) { w := io.data.payload }
    ptr := ptr + 1
    when(ptr === lastPtr) { state := POST }
  }

  // WRITE: header words, then the argument words, one per cycle into the buffer.
  val header = Descriptor(cfg)
  header.src := io.self
  header.dst := cmd.dst.resized
  header.header := cmd.header
  header.pooled := pooled
  header.index := index
  header.inline := inline
  val headerWords = header.headerWords
  io.write.valid := state === WRITE && (inHeader || io.data.valid)
  io.write.address := MsgWidths.poolAddress(cfg, index, ptr)
  io.write.data := Mux(ptr === 0, headerWords(0), Mux(ptr === 1, headerWords(1), io.data.payload))
  when(io.write.fire) {
    ptr := ptr + 1
    when(ptr === lastPtr) { state := POST }
  }

  io.post.valid := state === POST
  io.post.payload := header
  when(io.post.fire) { state := IDLE }

  if (cfg.debugPorts()) io.holds := (inAlloc && granted) || ((state === WRITE || state === POST) && pooled)
}
