package swapipc.hdl

import spinal.core._
import spinal.lib._
import swapipc.model.{Config, WireFormat}

/**
 * Claim 8d: the receiver's private temporary memory (bufferBytes, written only by its own
 * CopyEngine) and the receiver's view of it. The header is decoded while it is copied in; the
 * receiver sees `recv` valid with the header, reads argument word k with rdEn/rdAddr = k (data
 * the next cycle) and releases the memory by taking `recv`. A read past the message's length
 * returns 0, never a word left over from an earlier message.
 */
class Unmarshaler(cfg: Config) extends Component {
  private val addrBits = MsgWidths.tempAddrBits(cfg)
  val io = new Bundle {
    val temp = slave(Flow(TempWrite(cfg)))
    val present = slave(Event)
    val recv = master(Stream(RecvMsg()))
    val rdEn = in Bool()
    val rdAddr = in UInt (addrBits bits)
    val rdData = out Bits (32 bits)
  }

  val mem = Mem(Bits(32 bits), cfg.bufferWords())
  // A read in the cycle of a write returns 0 whatever the memory gives: the CopyEngine writes only
  // while no message is presented, and reads are masked then (inRange). No bypass logic needed.
  mem.addAttribute("no_rw_check")
  mem.write(io.temp.address, io.temp.data, io.temp.valid)

  val header = Vec.fill(WireFormat.HEADER_WORDS)(Reg(Bits(32 bits)) init 0)
  for ((h, k) <- header.zipWithIndex) when(io.temp.valid && io.temp.address === k) { h := io.temp.data }
  private def field(f: WireFormat.Field): UInt = MsgWidths.get(header(f.word()), f)

  io.recv.valid := io.present.valid
  io.present.ready := io.recv.ready
  io.recv.src := field(WireFormat.SOURCE)
  io.recv.header.kind := field(WireFormat.KIND)
  io.recv.header.opcode := field(WireFormat.OPCODE)
  io.recv.header.tag := field(WireFormat.TAG)
  io.recv.header.argc := field(WireFormat.ARGC)
  io.recv.header.length := field(WireFormat.LENGTH)
  SimChecks.held(cfg, io.recv, "a presented message")

  val argWords = MsgWidths.argWords(field(WireFormat.LENGTH))
  val word = mem.readSync((io.rdAddr + WireFormat.HEADER_WORDS).resize(addrBits), io.rdEn)
  val inRange = RegNextWhen(io.present.valid && io.rdAddr < argWords, io.rdEn) init False
  io.rdData := Mux(inRange, word, B(0, 32 bits))
}
