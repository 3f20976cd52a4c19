package swapipc.hdl

import spinal.core._
import spinal.lib._
import swapipc.model.{Config, SendStatus, WireFormat}
import swapipc.model.WireFormat.Field

/** Widths of the message path, derived from the Config. */
object MsgWidths {
  def poolAddrBits(cfg: Config): Int = log2Up(cfg.buffers() * cfg.bufferWords())
  def tempAddrBits(cfg: Config): Int = log2Up(cfg.bufferWords())
  /** Bits of a word count 0..bufferWords. */
  def wordCountBits(cfg: Config): Int = log2Up(cfg.bufferWords() + 1)
  def inlineWords(cfg: Config): Int = cfg.inlineBytes() / 4
  /** Bits of an inbound-queue count 0..queueDepth + 1 (the queue plus the message in the copy engine). */
  def queueCountBits(cfg: Config): Int = log2Up(cfg.queueDepth() + 2)

  /** Argument words of a message of `length` bytes: ceil(length / 4). */
  def argWords(length: UInt): UInt = {
    val rounded = length +^ 3
    rounded(rounded.getWidth - 1 downto 2)
  }

  /** Word `offset` of buffer `index` in the SharedPool memory. */
  def poolAddress(cfg: Config, index: UInt, offset: UInt): UInt = {
    val bits = poolAddrBits(cfg)
    // A one-buffer pool has no index bits in its addresses.
    val base = if (cfg.buffers() == 1) U(0, bits bits) else (index @@ U(0, tempAddrBits(cfg) bits)).resize(bits)
    base + offset.resize(bits)
  }

  /** Header word `word` with the given field values placed where WireFormat says. */
  def headerWord(word: Int, values: (Field, UInt)*): Bits = {
    val w = B(0, 32 bits)
    for ((f, v) <- values if f.word() == word) w(f.lsb() + f.width() - 1 downto f.lsb()) := v.resize(f.width()).asBits
    w
  }

  def get(header: Bits, f: Field): UInt = header(f.lsb() + f.width() - 1 downto f.lsb()).asUInt
}

/** The fields a sender states; the hardware adds the source. */
case class MsgHeader() extends Bundle {
  val kind = UInt(WireFormat.KIND.width() bits)
  val opcode = UInt(WireFormat.OPCODE.width() bits)
  val tag = UInt(WireFormat.TAG.width() bits)
  val argc = UInt(WireFormat.ARGC.width() bits)
  val length = UInt(WireFormat.LENGTH.width() bits)
}

/** A send command: destination, header, and whether to wait (blocking) or fail fast when no buffer is free. */
case class SendCmd() extends Bundle {
  val dst = UInt(WireFormat.SOURCE.width() bits)
  val header = MsgHeader()
  val blocking = Bool()
}

/** The answer to a send command (SendStatus codes); index is the buffer when pooled. */
case class SendRsp(cfg: Config) extends Bundle {
  val status = UInt(SendStatus.BITS bits)
  val pooled = Bool()
  val index = UInt(cfg.indexBits() bits)
}

/** A message descriptor in an inbound queue: who, where, which buffer or the inline words. */
case class Descriptor(cfg: Config) extends Bundle {
  val src = UInt(cfg.endpointBits() bits)
  val dst = UInt(cfg.endpointBits() bits)
  val header = MsgHeader()
  val pooled = Bool()
  val index = UInt(cfg.indexBits() bits)
  val inline = Vec(Bits(32 bits), MsgWidths.inlineWords(cfg))

  /** The two header words of this message, as the wire format lays them out. */
  def headerWords: Seq[Bits] = {
    val v = Seq(WireFormat.OPCODE -> header.opcode, WireFormat.TAG -> header.tag, WireFormat.ARGC -> header.argc,
      WireFormat.KIND -> header.kind, WireFormat.SOURCE -> src, WireFormat.LENGTH -> header.length)
    (0 until WireFormat.HEADER_WORDS).map(w => MsgWidths.headerWord(w, v: _*))
  }
}

/** A received message as the receiver sees it: the header, read from its temporary memory. */
case class RecvMsg() extends Bundle {
  val src = UInt(WireFormat.SOURCE.width() bits)
  val header = MsgHeader()
}

case class PoolWrite(cfg: Config) extends Bundle {
  val address = UInt(MsgWidths.poolAddrBits(cfg) bits)
  val data = Bits(32 bits)
}

case class TempWrite(cfg: Config) extends Bundle {
  val address = UInt(MsgWidths.tempAddrBits(cfg) bits)
  val data = Bits(32 bits)
}

/** ON_RETURN: a CALL buffer kept until the reply reaches its caller. */
case class HoldReq(cfg: Config) extends Bundle {
  val index = UInt(cfg.indexBits() bits)
  val caller = UInt(cfg.endpointBits() bits)
  val tag = UInt(WireFormat.TAG.width() bits)
}

/** One endpoint's pins on the IpcUnit. */
case class EndpointIo(cfg: Config) extends Bundle with IMasterSlave {
  val send = Stream(SendCmd())
  val sendData = Stream(Bits(32 bits))
  val sendRsp = Stream(SendRsp(cfg))
  val recv = Stream(RecvMsg())
  val rdEn = Bool()
  val rdAddr = UInt(MsgWidths.tempAddrBits(cfg) bits)
  val rdData = Bits(32 bits)
  val notEmpty = Bool()
  val count = UInt(MsgWidths.queueCountBits(cfg) bits)
  val irq = Bool()
  val irqEnable = Bool()
  val irqThreshold = UInt(MsgWidths.queueCountBits(cfg) bits)
  val buffer = Stream(BufferCmd())
  val bufferRsp = Stream(BufferRsp())
  /** Trace (debugPorts): a buffer allocated to this endpoint's send, posted to its receiver, freed by this endpoint's CopyEngine. */
  val allocated = cfg.debugPorts() generate Flow(UInt(cfg.indexBits() bits))
  val posted = cfg.debugPorts() generate Flow(UInt(cfg.indexBits() bits))
  val freed = cfg.debugPorts() generate Flow(UInt(cfg.indexBits() bits))
  /** Trace (debugPorts): a buffer claimed and released on this endpoint's BufferPort. */
  val claimed = cfg.debugPorts() generate Flow(UInt(cfg.indexBits() bits))
  val released = cfg.debugPorts() generate Flow(UInt(cfg.indexBits() bits))

  /** The endpoint's own side: it drives send, sendData, reads and the interrupt settings. */
  override def asMaster(): Unit = {
    master(send, sendData, buffer)
    slave(sendRsp, recv, bufferRsp)
    out(rdEn, rdAddr, irqEnable, irqThreshold)
    in(rdData, notEmpty, count, irq)
    if (cfg.debugPorts()) slave(allocated, posted, freed, claimed, released)
  }
}

object EndpointIo {
  /** Drives an IpcUnit endpoint's product pins from `user` (a register core, say); trace flows stay with the unit. */
  def attach(unit: EndpointIo, user: EndpointIo): Unit = {
    unit.send << user.send
    unit.sendData << user.sendData
    user.sendRsp << unit.sendRsp
    user.recv << unit.recv
    unit.rdEn := user.rdEn
    unit.rdAddr := user.rdAddr
    user.rdData := unit.rdData
    user.notEmpty := unit.notEmpty
    user.count := unit.count
    user.irq := unit.irq
    unit.irqEnable := user.irqEnable
    unit.irqThreshold := user.irqThreshold
    unit.buffer << user.buffer
    user.bufferRsp << unit.bufferRsp
  }
}

/**
 * The kernel's endpoint of a pool in the three-party system, as the KernelBroker (master) sees
 * it: its Marshaler's send side, as any endpoint's; and instead of a CopyEngine, the raw receive
 * side: the descriptors posted to the kernel, the pool's read port, the control area's free
 * port, the owner table's free event, and (ON_RETURN) the pool's HeldCalls.
 */
case class KernelSide(cfg: Config) extends Bundle with IMasterSlave {
  private val onReturn = cfg.releasePolicy() == swapipc.model.ReleasePolicy.ON_RETURN
  val send = Stream(SendCmd())
  val sendData = Stream(Bits(32 bits))
  val sendRsp = Stream(SendRsp(cfg))
  val inbound = Stream(Descriptor(cfg))
  val read = Stream(UInt(MsgWidths.poolAddrBits(cfg) bits))
  val readData = Flow(Bits(32 bits))
  val free = FreeChannel(cfg)
  /** A free the broker asked for is answered: the flag reads free from this cycle. */
  val freed = Flow(UInt(cfg.indexBits() bits))
  /** debugPorts: pool buffers in the broker's hands (0 or 1), for the pool's in-transit count. */
  val holds = cfg.debugPorts() generate Bool()
  val hold = onReturn generate Flow(HoldReq(cfg))
  val lookupCallee = onReturn generate UInt(cfg.endpointBits() bits)
  val lookupTag = onReturn generate UInt(swapipc.model.WireFormat.TAG.width() bits)
  val found = onReturn generate Bool()
  val foundIndex = onReturn generate UInt(cfg.indexBits() bits)
  val release = onReturn generate Flow(UInt(cfg.indexBits() bits))

  override def asMaster(): Unit = {
    master(send, sendData, read, free, freed)
    slave(sendRsp, inbound, readData)
    if (cfg.debugPorts()) out(holds)
    if (onReturn) {
      master(hold, release)
      out(lookupCallee, lookupTag)
      in(found, foundIndex)
    }
  }
}
