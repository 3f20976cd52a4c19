package swapipc.hdl

import spinal.core._
import spinal.lib._
import swapipc.model.Config

/**
 * The pool's buffer memory: buffers * bufferBytes bytes, one write port shared round-robin by
 * `writers` and one read port shared round-robin by `readers` (a simple dual-port RAM, one block
 * RAM group on an FPGA). A read is answered the next cycle, to the reader that issued it. A
 * write taken in cycle t is registered after the arbiter and reaches the memory at the end of
 * t+1, so the arbiter's choice and the address mux end at a register, not at the block RAM.
 *
 * With `overflow` > 0 the last `overflow` buffers are a second memory area (a RAM of its own):
 * the three-party system's spill space, which LOWEST_FREE hands out only when the first is empty.
 *
 * With zeroize the memory clears itself after reset, one word per cycle, before `ready` rises:
 * a reset can cut a message short, and its words must not reach the buffer's next owner.
 */
class SharedPool(cfg: Config, writers: Int, readers: Int, overflow: Int = 0) extends Component {
  private val addrBits = MsgWidths.poolAddrBits(cfg)
  private val size = (cfg.buffers() - overflow) * cfg.bufferWords()
  require(overflow == 0 || !cfg.zeroize(), "the second memory area is not swept after reset")
  val io = new Bundle {
    val write = Vec(slave(Stream(PoolWrite(cfg))), writers)
    val read = Vec(slave(Stream(UInt(addrBits bits))), readers)
    val readData = Vec(master(Flow(Bits(32 bits))), readers)
    val ready = out Bool()
  }

  val mem = Mem(Bits(32 bits), size)
  // No word is read and written in one cycle: a buffer is written only by its holder (Marshaler
  // before posting, BufferPort owner), read by the CopyEngine at least two cycles after the last
  // write was taken (posting and the queue's head take a cycle each), and zeroized at least one
  // cycle behind each read. So no read-during-write bypass (a register per bit) is needed.
  mem.addAttribute("no_rw_check")

  val writes = new RoundRobinArbiter(PoolWrite(cfg), writers)
  (writes.io.inputs, io.write).zipped.foreach(_ << _)
  private val write = writes.io.output.m2sPipe()
  if (cfg.zeroize()) {
    val clearing = Reg(Bool()) init True
    val sweep = Reg(UInt(addrBits bits)) init 0
    when(clearing) {
      sweep := sweep + 1
      when(sweep === size - 1) { clearing := False }
    }
    write.ready := !clearing
    mem.write(Mux(clearing, sweep, write.address), Mux(clearing, B(0, 32 bits), write.data), clearing || write.valid)
    io.ready := !clearing
  } else {
    write.ready := True
    if (overflow == 0) mem.write(write.address, write.data, write.valid)
    else mem.write(local(write.address), write.data, write.valid && !spilled(write.address))
    io.ready := True
  }

  val reads = new RoundRobinArbiter(UInt(addrBits bits), readers)
  (reads.io.inputs, io.read).zipped.foreach(_ << _)
  reads.io.output.ready := True
  private val address = reads.io.output.payload
  val data = Bits(32 bits)
  data := (if (overflow == 0) mem.readSync(address, reads.io.output.valid)
           else mem.readSync(local(address), reads.io.output.valid && !spilled(address)))
  // Who is answered, one bit per reader in a register: a reader's valid starts its next step
  // (a CopyEngine's scrub request), so no decode of the chosen index precedes it.
  val answered = RegNext(reads.io.chosenOH) init 0
  for ((port, k) <- io.readData.zipWithIndex) {
    port.valid := answered(k)
    port.payload := data
  }

  /** Buffers buffers - overflow .. buffers - 1 live in a second memory area (the pool's overflow). */
  private def spilled(a: UInt): Bool = a >= size
  private def local(a: UInt): UInt = a.resize(log2Up(size) max 1)

  val second = (overflow > 0) generate new Area {
    private val spillSize = overflow * cfg.bufferWords()
    private def at(a: UInt): UInt = (a - size).resize(log2Up(spillSize) max 1)
    val mem = Mem(Bits(32 bits), spillSize)
    mem.addAttribute("no_rw_check")
    mem.write(at(write.address), write.data, write.valid && spilled(write.address))
    val fromSecond = RegNext(spilled(address)) init False
    private val read = mem.readSync(at(address), reads.io.output.valid && spilled(address))
    when(fromSecond) { data := read }
  }
}
