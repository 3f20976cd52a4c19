package swapipc.hdl

import spinal.core._
import spinal.lib._
import swapipc.model.{AccessStatus, BufferOp, BusError, Config, RegisterMap, SendStatus}
import swapipc.model.RegisterMap.{Access, Field, Register}

import scala.jdk.CollectionConverters._

/**
 * The bus-agnostic register core of one endpoint: the RegisterMap (offsets and fields from the
 * model, never restated here) decoded onto the endpoint's native IpcUnit pins. Plain registers
 * answer the cycle after the access, one access per cycle; SEND_DATA writes one word per cycle
 * while the Marshaler takes them; CLAIM, FREE and the pool window wait for the BufferPort, and
 * SEND_GO for the Marshaler to take the command. A refused access (BusError) is answered with
 * `error`, sets its ERR bit, counts, and changes nothing else.
 */
class EndpointRegisters(cfg: Config) extends Component {
  private val map = new RegisterMap(cfg)
  private val pool = cfg.withPorts(2 * cfg.endpoints()).withDebugPorts(false)
  private val errorKinds = BusError.values().length
  val io = new Bundle {
    val self = in UInt (cfg.endpointBits() bits)
    val bus = slave(RegBus(map.addressBits()))
    val ep = master(EndpointIo(pool))
    val freeCount = in UInt (cfg.countBits() bits)
    val flags = in Bits (cfg.buffers() bits)
  }

  object State extends SpinalEnum {
    val IDLE, SEND, BUFFER_CMD, BUFFER_RSP = newElement()
  }
  import State._

  private def regs = map.registers().asScala.toSeq
  private def written(f: Field): Bits = io.bus.cmd.data(f.msb() downto f.lsb())
  private def placed(f: Field, v: Data): Bits = (v.asBits.resize(f.width()) << f.lsb()).resize(32)
  private def code(s: SendStatus) = U(s.code(), SendStatus.BITS bits)

  // --- the access being decoded (the command at the head of the bus) ---
  private val cmd = io.bus.cmd.payload
  private val hits = regs.map(r => r -> decode(r)).toMap
  private def hit(r: Register): Bool = hits(r)

  /** Arrays start on a multiple of their power-of-two span: the word within is a bit field, the rest a constant compare. */
  private def span(r: Register): Int = log2Up(r.count())
  private def decode(r: Register): Bool = {
    val b = span(r)
    require(r.offset() % (4 << b) == 0, s"${r.name()} at ${r.offset()} is not aligned to its ${r.count()} words")
    val top = map.addressBits() - 1
    val block = cmd.address(top downto 2 + b) === (r.offset() >> (2 + b))
    val inArray = if (r.count() == (1 << b)) True else cmd.address(1 + b downto 2) < r.count()
    block && cmd.address(1 downto 0) === 0 && inArray
  }
  private def wordOf(r: Register): UInt = cmd.address(1 + span(r) downto 2)
  private val presented = io.ep.recv.valid

  val poolRef = Reg(UInt(32 bits)) init 0
  val sendDst = Reg(Bits(map.SEND_CTRL.field("dst").width() bits)) init 0
  val sendKind = Reg(Bits(1 bits)) init 0
  val sendBlocking = Reg(Bool()) init False
  val sendOpcode = Reg(Bits(map.SEND_HDR.field("opcode").width() bits)) init 0
  val sendTag = Reg(Bits(map.SEND_HDR.field("tag").width() bits)) init 0
  val sendArgc = Reg(Bits(map.SEND_HDR.field("argc").width() bits)) init 0
  val sendLength = Reg(UInt(map.SEND_LEN.field("length").width() bits)) init 0
  val sendPending = Reg(Bool()) init False
  val sendStatus = Reg(UInt(SendStatus.BITS bits)) init 0
  val sendIndex = Reg(UInt(cfg.indexBits() bits)) init 0
  val sendWords = Reg(UInt(16 bits)) init 0
  val remaining = Reg(UInt(16 bits)) init 0
  val irqEnable = Reg(Bool()) init False
  val irqThreshold = Reg(UInt(RegisterMap.QUEUE_COUNT_BITS bits)) init 0
  val errFlags = Reg(Bits(errorKinds bits)) init 0
  val errCount = Reg(UInt(map.ERR_COUNT.field("count").width() bits)) init 0

  private val sendUnderWay = sendPending || remaining =/= 0
  private val writeAction = cmd.write && (hit(map.FREE) || hit(map.POOL_DATA))
  private val readAction = !cmd.write && (hit(map.CLAIM) || hit(map.POOL_DATA) || hit(map.FLAG_CLAIM))
  private val dataWrite = cmd.write && hit(map.SEND_DATA)
  private val rxAccess = (!cmd.write && (hit(map.RX_HDR0) || hit(map.RX_HDR1) || hit(map.RX_DATA))) || (cmd.write && hit(map.RX_RELEASE))

  /** The first thing wrong with the access, one-hot by BusError bit; all zero when it is allowed. */
  private val refusal = {
    val readOnly = regs.filter(_.access() == Access.RO).map(hit).foldLeft(False)(_ || _)
    val conditions = Seq(
      BusError.BAD_ADDRESS -> !regs.map(hit).foldLeft(False)(_ || _),
      BusError.PARTIAL_WRITE -> (cmd.write && !cmd.whole),
      BusError.READ_ONLY -> (cmd.write && readOnly),
      BusError.SEND_BUSY -> (cmd.write && hit(map.SEND_GO) && sendUnderWay),
      BusError.NO_SEND -> (dataWrite && remaining === 0),
      BusError.RX_EMPTY -> (rxAccess && !presented))
    val bits = Bits(errorKinds bits)
    bits := 0
    var earlier: Bool = False
    for ((kind, condition) <- conditions) {
      bits(kind.bit()) := condition && !earlier
      earlier = earlier || condition
    }
    bits
  }
  private val refused = refusal.orR

  /** What a plain register reads. */
  private val readValue = {
    val flagWords = (cfg.buffers() + 31) / 32
    val flagsPadded = io.flags.resize(32 * flagWords)
    val flagWord = if (flagWords == 1) flagsPadded else flagsPadded.subdivideIn(32 bits).read(wordOf(map.FLAGS))
    val hdr = io.ep.recv.payload
    def f(r: Register, name: String) = r.field(name)
    val values = Seq[(Register, Bits)](
      map.ID -> B(RegisterMap.MAGIC.toLong & 0xFFFFFFFFL, 32 bits),
      map.INFO -> (placed(f(map.INFO, "self"), io.self) | placed(f(map.INFO, "endpoints"), U(cfg.endpoints()))),
      map.COUNT -> placed(f(map.COUNT, "count"), U(cfg.buffers())),
      map.BUFFER_BYTES -> placed(f(map.BUFFER_BYTES, "bytes"), U(cfg.bufferBytes())),
      map.POOL_BASE -> B(cfg.poolBase(), 32 bits),
      map.RX_DATA_AT -> B(map.RX_DATA.offset(), 32 bits),
      map.POOL_DATA_AT -> B(map.POOL_DATA.offset(), 32 bits),
      map.FLAG_CLAIM_AT -> B(map.FLAG_CLAIM.offset(), 32 bits),
      map.FREE_COUNT -> placed(f(map.FREE_COUNT, "free"), io.freeCount),
      map.FLAGS -> flagWord,
      map.POOL_REF -> poolRef.asBits,
      map.SEND_CTRL -> (placed(f(map.SEND_CTRL, "dst"), sendDst) | placed(f(map.SEND_CTRL, "kind"), sendKind) |
        placed(f(map.SEND_CTRL, "blocking"), sendBlocking)),
      map.SEND_HDR -> (placed(f(map.SEND_HDR, "opcode"), sendOpcode) | placed(f(map.SEND_HDR, "tag"), sendTag) |
        placed(f(map.SEND_HDR, "argc"), sendArgc)),
      map.SEND_LEN -> placed(f(map.SEND_LEN, "length"), sendLength),
      map.SEND_STATUS -> (placed(f(map.SEND_STATUS, "status"), sendStatus) | placed(f(map.SEND_STATUS, "pending"), sendPending) |
        placed(f(map.SEND_STATUS, "index"), sendIndex) | placed(f(map.SEND_STATUS, "remaining"), remaining)),
      map.RX_STATUS -> (placed(f(map.RX_STATUS, "notEmpty"), io.ep.notEmpty) | placed(f(map.RX_STATUS, "presented"), presented) |
        placed(f(map.RX_STATUS, "count"), io.ep.count)),
      map.RX_HDR0 -> (placed(f(map.RX_HDR0, "opcode"), hdr.header.opcode) | placed(f(map.RX_HDR0, "tag"), hdr.header.tag) |
        placed(f(map.RX_HDR0, "argc"), hdr.header.argc) | placed(f(map.RX_HDR0, "kind"), hdr.header.kind) |
        placed(f(map.RX_HDR0, "source"), hdr.src)),
      map.RX_HDR1 -> placed(f(map.RX_HDR1, "length"), hdr.header.length),
      map.IRQ_ENABLE -> placed(f(map.IRQ_ENABLE, "enable"), irqEnable),
      map.IRQ_THRESHOLD -> placed(f(map.IRQ_THRESHOLD, "threshold"), irqThreshold),
      map.IRQ_STATUS -> placed(f(map.IRQ_STATUS, "irq"), io.ep.irq),
      map.ERR -> errFlags.resize(32),
      map.ERR_COUNT -> errCount.asBits.resize(32))
    values.map { case (r, v) => Mux(hit(r), v, B(0, 32 bits)) }.reduce(_ | _)
  }

  // --- the answer register ---
  val state = Reg(State()) init IDLE
  val rspValid = Reg(Bool()) init False
  val rspWrite = Reg(Bool()) init False
  val rspError = Reg(Bool()) init False
  val rspData = Reg(Bits(32 bits)) init 0
  val rspFromRx = Reg(Bool()) init False
  io.bus.rsp.valid := rspValid
  io.bus.rsp.write := rspWrite
  io.bus.rsp.error := rspError
  io.bus.rsp.data := Mux(rspFromRx, io.ep.rdData, rspData)
  private val rspFree = !rspValid || io.bus.rsp.ready
  when(io.bus.rsp.ready) { rspValid := False }

  private def answer(write: Bool, data: Bits, error: Bool, fromRx: Bool): Unit = {
    rspValid := True
    rspWrite := write
    rspData := data
    rspError := error
    rspFromRx := fromRx
  }

  // BufferPort command latched from the access; its answer ends the access.
  val bufOp = Reg(UInt(BufferOp.BITS bits)) init 0
  val bufRef = Reg(UInt(32 bits)) init 0
  val bufOffset = Reg(UInt(16 bits)) init 0
  val bufData = Reg(Bits(32 bits)) init 0
  io.ep.buffer.valid := state === BUFFER_CMD
  io.ep.buffer.op := bufOp
  io.ep.buffer.ref := bufRef
  io.ep.buffer.offset := bufOffset
  io.ep.buffer.data := bufData
  io.ep.bufferRsp.ready := state === BUFFER_RSP

  io.ep.send.valid := state === SEND
  io.ep.send.dst := sendDst.asUInt.resized
  io.ep.send.header.kind := sendKind.asUInt
  io.ep.send.header.opcode := sendOpcode.asUInt
  io.ep.send.header.tag := sendTag.asUInt
  io.ep.send.header.argc := sendArgc.asUInt
  io.ep.send.header.length := sendLength
  io.ep.send.blocking := sendBlocking

  // Only a data write that is allowed reaches the Marshaler, through a two-word skid buffer: no
  // path runs from the bus decode into the Marshaler or back, and words still flow one per cycle.
  private val idle = state === IDLE && rspFree
  private val words = Stream(Bits(32 bits))
  words.valid := idle && io.bus.cmd.valid && dataWrite && !refused
  words.payload := cmd.data
  io.ep.sendData << words.s2mPipe().m2sPipe()
  io.bus.cmd.ready := idle && (!(dataWrite && !refused) || words.ready)
  private val take = io.bus.cmd.fire
  private val allowed = take && !refused

  io.ep.rdEn := allowed && !cmd.write && hit(map.RX_DATA)
  io.ep.rdAddr := wordOf(map.RX_DATA).resized
  io.ep.recv.ready := allowed && cmd.write && hit(map.RX_RELEASE)
  // A threshold above the most messages that can wait (queueDepth + 1) is never reached.
  io.ep.irqEnable := irqEnable && irqThreshold <= cfg.queueDepth() + 1
  io.ep.irqThreshold := irqThreshold.resized
  io.ep.sendRsp.ready := True

  val newErrors = Bits(errorKinds bits)
  newErrors := 0

  switch(state) {
    is(IDLE) {
      when(take) {
        when(refused) {
          newErrors := refusal
          answer(cmd.write, B(0, 32 bits), True, False)
        } elsewhen (cmd.write && hit(map.SEND_GO)) {
          state := SEND
        } elsewhen (readAction || writeAction) {
          bufOp := Mux(hit(map.CLAIM), U(BufferOp.CLAIM.code()), Mux(hit(map.FREE), U(BufferOp.FREE.code()),
            Mux(hit(map.FLAG_CLAIM), U(BufferOp.TAKE.code()),
              Mux(cmd.write, U(BufferOp.WRITE.code()), U(BufferOp.READ.code()))))).resized
          bufRef := Mux(hit(map.FREE), cmd.data.asUInt, Mux(hit(map.FLAG_CLAIM), Refs.of(cfg, wordOf(map.FLAG_CLAIM).resized), poolRef))
          bufOffset := wordOf(map.POOL_DATA).resized
          bufData := cmd.data
          state := BUFFER_CMD
        } otherwise {
          answer(cmd.write, Mux(cmd.write, B(0, 32 bits), readValue), False, hit(map.RX_DATA))
        }
      }
    }
    is(SEND) {
      when(io.ep.send.ready) {
        answer(True, B(0, 32 bits), False, False)
        state := IDLE
      }
    }
    is(BUFFER_CMD) {
      when(io.ep.buffer.ready) { state := BUFFER_RSP }
    }
    is(BUFFER_RSP) {
      when(io.ep.bufferRsp.valid) {
        val rsp = io.ep.bufferRsp.payload
        val ok = rsp.status === AccessStatus.OK.code()
        val none = rsp.status === AccessStatus.NONE.code()
        for (s <- AccessStatus.values(); e = BusError.of(s) if e != null) {
          when(rsp.status === s.code()) { newErrors(e.bit()) := True }
        }
        val data = Mux(bufOp === BufferOp.CLAIM.code(), Mux(ok, rsp.ref.asBits, B(RegisterMap.CLAIM_NONE.toLong & 0xFFFFFFFFL, 32 bits)),
          Mux(bufOp === BufferOp.TAKE.code(), B(ok).resize(32),
            Mux(bufOp === BufferOp.READ.code() && ok, rsp.data, B(0, 32 bits))))
        answer(bufOp === BufferOp.WRITE.code() || bufOp === BufferOp.FREE.code(), data, !ok && !none, False)
        state := IDLE
      }
    }
  }

  // Plain register writes (allowed, in the cycle the access is taken).
  when(allowed && cmd.write) {
    when(hit(map.POOL_REF)) { poolRef := cmd.data.asUInt }
    when(hit(map.SEND_CTRL)) {
      sendDst := written(map.SEND_CTRL.field("dst"))
      sendKind := written(map.SEND_CTRL.field("kind"))
      sendBlocking := written(map.SEND_CTRL.field("blocking")).asBool
    }
    when(hit(map.SEND_HDR)) {
      sendOpcode := written(map.SEND_HDR.field("opcode"))
      sendTag := written(map.SEND_HDR.field("tag"))
      sendArgc := written(map.SEND_HDR.field("argc"))
    }
    when(hit(map.SEND_LEN)) { sendLength := written(map.SEND_LEN.field("length")).asUInt }
    when(hit(map.IRQ_ENABLE)) { irqEnable := cmd.data(map.IRQ_ENABLE.field("enable").lsb()) }
    when(hit(map.IRQ_THRESHOLD)) { irqThreshold := written(map.IRQ_THRESHOLD.field("threshold")).asUInt }
  }

  // The send under way: pending from SEND_GO until the Marshaler answers, then its words.
  when(allowed && cmd.write && hit(map.SEND_GO)) {
    sendPending := True
    sendWords := MsgWidths.argWords(sendLength).resized
  }
  when(io.ep.sendRsp.fire) {
    sendPending := False
    sendStatus := io.ep.sendRsp.status
    sendIndex := Mux(io.ep.sendRsp.pooled, io.ep.sendRsp.index, U(0, cfg.indexBits() bits))
    remaining := Mux(io.ep.sendRsp.status === code(SendStatus.OK), sendWords, U(0, 16 bits))
  }
  when(words.fire) { remaining := remaining - 1 }

  // ERR: sticky, write 1 to clear; an error in the same cycle stays set.
  private val cleared = Mux(allowed && cmd.write && hit(map.ERR), cmd.data(errorKinds - 1 downto 0), B(0, errorKinds bits))
  errFlags := (errFlags & ~cleared) | newErrors
  when(newErrors.orR && errCount =/= errCount.maxValue) { errCount := errCount + 1 }
}

object EndpointRegisters {
  /** Endpoint k's register core, named `registers_k`, on the unit's pins of that endpoint. */
  def attach(cfg: Config, unit: IpcUnit, k: Int): EndpointRegisters = {
    val registers = new EndpointRegisters(cfg).setName(s"registers_$k")
    registers.io.self := k
    registers.io.freeCount := unit.io.freeCount
    registers.io.flags := unit.io.flags
    EndpointIo.attach(unit.io.ep(k), registers.io.ep)
    registers
  }
}
