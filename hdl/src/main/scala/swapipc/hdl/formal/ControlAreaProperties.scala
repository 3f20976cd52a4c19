package swapipc.hdl.formal

import spinal.core._
import spinal.core.formal._
import spinal.lib._
import swapipc.hdl.ControlArea
import swapipc.model.{AllocPolicy, AllocStatus, Config, FreeStatus}

/**
 * Formal harness of ControlArea: every input is free (anyseq) in every cycle, and the
 * properties below must hold on every trace. A shadow `owned` vector records which buffers
 * the block has granted and not yet taken back, from its answers alone; the flags must always be
 * its complement, which proves no buffer is granted twice, none is freed twice or lost, and
 * refused requests change nothing.
 */
class ControlAreaProperties(cfg: Config) extends Component {
  private val n = cfg.buffers()
  val dut = new ControlArea(cfg)
  private val io = dut.io
  for (s <- io.flatten if s.isInput) anyseq(s)
  assumeInitial(ClockDomain.current.isResetActive)

  /** False in the first cycle after reset, so past() only looks at cycles after reset. */
  val started = RegNext(True) init False

  private def newAnswer(valid: Bool, ready: Bool): Bool =
    valid && !(past(valid) && !past(ready)) && started

  private def indexOf(ref: UInt): UInt =
    ((ref - U(cfg.poolBase(), cfg.dataWidth() bits)) >> cfg.offsetBits()).resize(cfg.indexBits())

  // Shadow of the buffers granted and not returned, updated in the block's swap order (frees, then allocations).
  val owned = Reg(Bits(n bits)) init 0
  private var now = owned
  for ((c, p) <- io.free.zipWithIndex) {
    val freedRef = RegNext(c.req.ref)
    val freed = (newAnswer(c.rsp.valid, c.rsp.ready) && c.rsp.status === FreeStatus.OK.code()).setName(s"freed_$p")
    val oh = UIntToOh(indexOf(freedRef), n) & B(n bits, default -> freed)
    when(freed && io.initDone && past(io.initDone)) {
      assert((now & oh) === oh, s"port $p freed a buffer that was not allocated")
    }
    now = (now & ~oh).setName(s"owned_after_free_$p")
  }
  for ((c, p) <- io.alloc.zipWithIndex) {
    val granted = (newAnswer(c.rsp.valid, c.rsp.ready) && c.rsp.status === AllocStatus.OK.code()).setName(s"granted_$p")
    val oh = UIntToOh(c.rsp.index, n) & B(n bits, default -> granted)
    when(granted && io.initDone && past(io.initDone)) {
      assert((now & oh) === 0, s"port $p was granted a buffer that is already allocated")
      assert(c.rsp.ref === U(cfg.poolBase(), cfg.dataWidth() bits) + (c.rsp.index.resize(cfg.dataWidth()) |<< cfg.offsetBits()))
    }
    now = (now | oh).setName(s"owned_after_alloc_$p")
  }
  // The Fig. 8 walk frees everything: what was granted before a reinit is reclaimed.
  owned := Mux(io.initDone, now, B(0, n bits))

  // Induction strengthening: the Fig. 8 walk has already freed every flag below its index.
  private val walking = dut.init.busy.pull()
  private val walkIndex = dut.init.index.pull()
  for (i <- 0 until n) when(walking && walkIndex > i) { assert(io.flags(i), "the walk freed every flag below its index") }

  when(started && io.initDone && past(io.initDone)) {
    assert(io.flags === ~now, "flags are the complement of the granted buffers")
  }
  assert(io.freeCount === CountOne(io.flags), "free + allocated = n")
  when(io.initDone) { assert(io.count === n) }

  // Answers arrive: LOWEST_FREE in the next cycle, OK whenever enough buffers were free; SCAN within n cycles.
  cfg.allocPolicy() match {
    case AllocPolicy.LOWEST_FREE =>
      var claimed = U(0, log2Up(cfg.ports() + 1) bits)
      for ((c, p) <- io.alloc.zipWithIndex) {
        val fits = c.req.bytes <= cfg.bufferBytes()
        when(started && past(c.req.fire)) {
          assert(c.rsp.valid, s"port $p answered one cycle after its request")
          when(past(fits && io.freeCount > claimed)) {
            assert(c.rsp.status === AllocStatus.OK.code(), s"port $p got no buffer although one was free")
          }
        }
        claimed = claimed + (c.req.fire && fits).asUInt.resized
      }
    case AllocPolicy.SCAN =>
      for ((c, p) <- io.alloc.zipWithIndex) {
        // Cycles since the request, not counting those the initializer holds the walk (a reinit pauses it).
        val waiting = (Reg(UInt(log2Up(n + 2) bits)) init 0).setName(s"waiting_$p")
        when(c.req.fire) {
          waiting := 1
        } elsewhen (c.rsp.valid || waiting === 0) {
          waiting := 0
        } elsewhen (io.initDone) {
          waiting := waiting + 1
        }
        assert(waiting <= n, s"port $p waited more than n cycles for an answer")
        // Induction strengthening: while a walk is under way, its position is the time waited.
        val lane = dut.allocator.lanes(p)
        val scanning = lane.scanning.pull()
        val scanIndex = lane.scanIndex.pull()
        when(scanning) {
          // Flag 0 is swapped in the cycle of the request, so a walk under way is past it.
          assert(scanIndex =/= 0 && scanIndex.resize(cfg.indexBits() + 1) < n && waiting === scanIndex.resized,
            s"port $p's walk position is its waiting time")
          assert(!c.rsp.valid, s"port $p walks only with an empty answer slot")
        } elsewhen (!c.rsp.valid) {
          assert(waiting === 0, s"port $p waits only while it walks or holds an answer")
        }
      }
  }

  cover(io.initDone && io.flags === 0) // the pool can be exhausted
  cover(io.initDone && past(io.flags === 0) && io.flags =/= 0) // and given back
}
