package swapipc.hdl

import spinal.core._
import spinal.lib._
import swapipc.model.{AllocPolicy, AllocStatus, Config}

/**
 * Fig. 6 for every requester port, in two stages: a request is taken into the port's request
 * register (its size compared on the way), decided in the next cycle, and answered from the
 * answer register in the cycle after that: 2 cycles from request to answer, one request per
 * cycle per port while answers are taken. A request asking for more than bufferBytes is
 * answered ERROR (step 606) without touching a flag. Otherwise the port claims a flag by
 * swapping a 0 into it:
 *
 *  - LOWEST_FREE: the deciding ports, in port order, get the lowest, second lowest, ... flag
 *    free at the start of the decision cycle. Those flags are kept one-hot in registers
 *    (`candidate_j`, loaded from the FlagBank's next flags), so the decision is a choice among
 *    registers by each port's rank, and the long search runs in parallel with it.
 *  - SCAN: the seed's literal loop. The port swaps flag 0 in its decision cycle, then one flag
 *    per cycle upwards until a swap returns 1 (OK) or the last flag returned 0 (NONE). A SCAN
 *    port takes a request only when it is idle (no walk, nothing pending, the answer slot free).
 *
 * The FlagBank's swap is what grants a buffer: under SCAN, OK is answered only when the swap
 * returned 1; LOWEST_FREE picks only flags its swap is bound to find at 1 (see below).
 *
 * The `yielding` ports give way: while `yieldNow` is high in their decision cycle, or in any
 * cycle of their SCAN walk, they are answered NONE and take no flag (the IpcUnit's BufferPorts,
 * while senders wait for a buffer).
 *
 * The `oneAtATime` ports serve a requester that asks again only after it has taken the answer
 * (the IpcUnit's Marshalers). Such a port takes a request only with its answer register empty and
 * nothing pending, so its decision never waits for the answer to be taken: the requester's ready,
 * which can come from outside the block, stays out of the allocation loop.
 */
class Allocator(cfg: Config, yielding: Set[Int] = Set.empty, oneAtATime: Set[Int] = Set.empty) extends Component {
  val io = new Bundle {
    val ports = Vec(slave(AllocChannel(cfg)), cfg.ports())
    val hold = in Bool()
    /** `hold` in the next cycle (the Initializer's busyNext). */
    val holdNext = in Bool()
    // Only LOWEST_FREE searches the flags; SCAN learns each flag from its swap.
    val next = if (cfg.allocPolicy() == AllocPolicy.LOWEST_FREE) in Bits (cfg.buffers() bits) else null
    val swap = Vec(master(SwapPort(cfg)), cfg.ports())
    /** One Bool per port (not bits of a vector: SpinalHDL writes those in an always block that a 4-state simulator leaves X). */
    val sizeError = out Vec (Bool(), cfg.ports())
    val yieldNow = yielding.nonEmpty generate (in Bool())
  }

  private val n = cfg.buffers()
  private val lowestFree = cfg.allocPolicy() == AllocPolicy.LOWEST_FREE

  // The k lowest free flags at the start of this cycle, one-hot (all 0 when fewer are free).
  val candidates = lowestFree generate {
    val c = Vec.tabulate(cfg.ports())(j => (Reg(Bits(n bits)) init 0).setName(s"candidate_$j"))
    for ((r, v) <- c.zip(Allocator.lowest(io.next, cfg.ports()))) r := v
    c
  }
  /** Bit j: candidate j is the rank of the next deciding port (one-hot, updated port by port). */
  private var rank: Bits = if (lowestFree) B(1, cfg.ports() bits) else null

  val lanes = for ((port, p) <- io.ports.zipWithIndex) yield new Area {
    val swap = io.swap(p)
    val pending = Reg(Bool()) init False
    val fits = Reg(Bool()) init False
    val rspValid = Reg(Bool()) init False
    val rspStatus = Reg(UInt(AllocStatus.BITS bits)) init 0
    val rspIndex = Reg(UInt(cfg.indexBits() bits)) init 0

    port.rsp.valid := rspValid
    port.rsp.status := rspStatus
    port.rsp.index := rspIndex
    port.rsp.ref := Mux(rspStatus === AllocStatus.OK.code(), Refs.of(cfg, rspIndex), U(0, cfg.dataWidth() bits))
    when(port.rsp.fire) { rspValid := False }
    SimChecks.held(cfg, port.rsp, s"allocate port $p's answer")

    private val single = oneAtATime.contains(p)
    val slotFree = if (single) True else !rspValid || port.rsp.ready
    // The SCAN walker: whether a walk is under way, and the flag it swaps next.
    val scanning = (!lowestFree) generate (Reg(Bool()) init False)
    val scanIndex = (!lowestFree) generate (Reg(UInt(cfg.indexBits() bits)) init 0)
    // pending && !hold, and that && fits, each kept in a register of its own: the decision then
    // starts at this lane's registers, not at the Initializer's busy, a net that fans out to
    // every lane and was the first 2.5 ns of the allocation loop.
    val armed = Reg(Bool()) init False
    val armedFits = lowestFree generate (Reg(Bool()) init False)
    val decide = armed && slotFree && (if (lowestFree) True else !scanning)
    val accepts = if (single) !pending && !rspValid else if (lowestFree) !pending || decide else !pending && slotFree
    port.req.ready := !io.hold && accepts && (if (lowestFree) True else !scanning)
    val pendingNext = Mux(port.req.fire, True, pending && !decide)
    val fitsNext = Mux(port.req.fire, port.req.bytes <= cfg.bufferBytes(), fits)
    pending := pendingNext
    fits := fitsNext
    armed := pendingNext && !io.holdNext
    if (lowestFree) armedFits := pendingNext && fitsNext && !io.holdNext

    io.sizeError(p) := decide && !fits
    def answer(status: AllocStatus, index: UInt): Unit = {
      rspValid := True
      rspStatus := status.code()
      rspIndex := index.resized
    }
    when(decide && !fits) { answer(AllocStatus.ERROR, U(0)) }
    val yields = if (yielding.contains(p)) io.yieldNow else False
    when(decide && fits && yields) { answer(AllocStatus.NONE, U(0)) }

    if (lowestFree) {
      val wants = armedFits && slotFree && !yields
      val pick = candidates.zip(rank.asBools).map { case (c, r) => c & B(n bits, default -> r) }.reduce(_ | _)
      swap.valid := wants
      swap.oh := pick
      if (p + 1 < cfg.ports()) rank = Mux(wants, rank |<< 1, rank)
      // The pick read 1 at the start of the cycle and no lower port took it; frees only set
      // flags, so this swap always returns 1 and the answer need not wait for it (the formal
      // proof checks that no buffer is ever granted twice).
      when(wants) {
        when(pick.orR) { answer(AllocStatus.OK, OHToUInt(pick)) } otherwise { answer(AllocStatus.NONE, U(0)) }
      }
    } else {
      // A yielding port also gives up a walk under way when senders start to wait.
      swap.valid := !io.hold && !yields && (scanning || (decide && fits))
      when(!io.hold && scanning && yields) {
        answer(AllocStatus.NONE, U(0))
        scanning := False
      }
      val index = Mux(scanning, scanIndex, U(0, cfg.indexBits() bits))
      swap.oh := UIntToOh(index, n)
      when(swap.valid) {
        when(swap.old) {
          answer(AllocStatus.OK, index)
          scanning := False
        } elsewhen (index === n - 1) {
          answer(AllocStatus.NONE, U(0))
          scanning := False
        } otherwise {
          scanning := True
          scanIndex := index + 1
        }
      }
    }
  }.setName(s"port_$p")
}

object Allocator {
  /**
   * The k lowest set bits of `x`, each one-hot (0 where x has fewer): bit i of the j-th is x(i)
   * with exactly j set bits below i. The count of set bits up to every position, saturated at k,
   * is a parallel prefix (Sklansky: log2 n levels, n/2 joins per level) in thermometer code (bit
   * m-1: at least m), which is plain logic: a binary count would be added on carry chains, and a
   * chain of k lowest-bit searches would be k times as deep.
   */
  def lowest(x: Bits, k: Int): Seq[Bits] = {
    val n = x.getWidth
    type Count = Seq[Bool] // Count(m - 1): at least m set bits
    def atLeast(c: Count, j: Int): Bool = if (j == 0) True else c(j - 1)
    def join(a: Count, b: Count): Count = (1 to k).map(m => (0 to m).map(j => atLeast(a, j) && atLeast(b, m - j)).reduce(_ || _))
    // upTo(i): the set bits of x(0 .. i); each level joins the upper half of every block with the
    // last position of its lower half.
    var upTo: Seq[Count] = (0 until n).map(i => x(i) +: Seq.fill(k - 1)(False))
    var span = 1
    while (span < n) {
      val prev = upTo
      upTo = (0 until n).map(i => if ((i / span) % 2 == 1) join(prev(i), prev((i / span) * span - 1)) else prev(i))
      span *= 2
    }
    (0 until k).map { j =>
      val v = Bits(n bits)
      for (i <- 0 until n) {
        val below = if (i == 0) Seq.fill(k)(False) else upTo(i - 1)
        v(i) := x(i) && atLeast(below, j) && !below(j)
      }
      v
    }
  }
}
