package swapipc.hdl

import spinal.core._
import spinal.lib._
import swapipc.model.Config

/**
 * The pool's buffer memory: buffers * bufferBytes bytes, one write port shared round-robin by the
 * Marshalers and one read port shared round-robin by the CopyEngines (a simple dual-port RAM, one
 * block RAM group on an FPGA). A read is answered the next cycle, to the engine that issued it.
 */
class SharedPool(cfg: Config) extends Component {
  private val e = cfg.endpoints()
  private val addrBits = MsgWidths.poolAddrBits(cfg)
  val io = new Bundle {
    val write = Vec(slave(Stream(PoolWrite(cfg))), e)
    val read = Vec(slave(Stream(UInt(addrBits bits))), e)
    val readData = Vec(master(Flow(Bits(32 bits))), e)
  }

  val mem = Mem(Bits(32 bits), cfg.buffers() * cfg.bufferWords())

  val writes = StreamArbiterFactory().roundRobin.noLock.build(PoolWrite(cfg), e)
  (writes.io.inputs, io.write).zipped.foreach(_ << _)
  writes.io.output.ready := True
  mem.write(writes.io.output.address, writes.io.output.data, writes.io.output.valid)

  val reads = StreamArbiterFactory().roundRobin.noLock.build(UInt(addrBits bits), e)
  (reads.io.inputs, io.read).zipped.foreach(_ << _)
  reads.io.output.ready := True
  val data = mem.readSync(reads.io.output.payload, reads.io.output.valid)
  val answered = RegNext(reads.io.output.valid) init False
  val reader = RegNext(reads.io.chosen)
  for ((port, k) <- io.readData.zipWithIndex) {
    port.valid := answered && reader === k
    port.payload := data
  }
}
