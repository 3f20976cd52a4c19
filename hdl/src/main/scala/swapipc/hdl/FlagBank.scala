package swapipc.hdl

import spinal.core._
import spinal.lib._
import swapipc.model.Config

/**
 * The control area of Fig. 5: the count register (item 501) and one allocation flag per buffer
 * (1 = free, 0 = allocated). Buffer references (items 503..509) are not stored: buffer i always
 * starts at poolBase + i * bufferBytes, so the units compute them.
 *
 * Every flag change is an atomic swap (claim 5) done in one cycle. The swaps of one cycle take
 * effect in a fixed order: the setters (swap in a 1) by index, then the clearers (swap in a 0) by
 * index; each port sees the flags as the ports before it left them. So two frees of one buffer
 * give the 1 back to the later one only (DOUBLE_FREE), a free never undoes an allocation of the
 * same cycle, and when two clearers swap a 0 into the same free flag only the lower one gets the
 * 1 back: no flag is ever granted twice. The order is computed in parallel, not as a ripple: a
 * port's old value is the flag, or the last earlier port's value on the same index.
 */
class FlagBank(cfg: Config, setters: Int, clearers: Int) extends Component {
  val io = new Bundle {
    val set = Vec(slave(SwapPort(cfg)), setters)
    val clear = Vec(slave(SwapPort(cfg)), clearers)
    val loadCount = in Bool()
    val count = out UInt (cfg.countBits() bits)
    val freeCount = out UInt (cfg.countBits() bits)
    val flags = out Bits (cfg.buffers() bits)
  }

  private val n = cfg.buffers()
  val flags = Reg(Bits(n bits)) init 0
  val count = Reg(UInt(cfg.countBits() bits)) init 0
  val freeCount = Reg(UInt(cfg.countBits() bits)) init 0

  when(io.loadCount) { count := n }

  private def hits(a: SwapPort, b: SwapPort): Bool = a.valid && a.index === b.index
  private def flag(index: UInt): Bool = if (n == 1) flags(0) else flags(index)
  private def any(bits: Iterable[Bool]): Bool = bits.foldLeft(False)(_ || _)

  // Setters: the old value is the flag unless an earlier setter already set it this cycle.
  for ((s, k) <- io.set.zipWithIndex) s.old := flag(s.index) || any(io.set.take(k).map(hits(_, s)))
  // Clearers: the flag after every setter, unless an earlier clearer already took it this cycle.
  for ((c, k) <- io.clear.zipWithIndex) {
    c.old := (flag(c.index) || any(io.set.map(hits(_, c)))) && !any(io.clear.take(k).map(hits(_, c)))
  }

  /** The flags a side's ports swap this cycle, one one-hot vector per port (named: the mutants edit them). */
  private def touched(ports: Iterable[SwapPort], side: String): Bits = {
    val one = ports.toSeq.zipWithIndex.map { case (p, k) =>
      (UIntToOh(p.index, n) & B(n bits, default -> p.valid)).setName(s"${side}_oh_$k")
    }
    one.reduce(_ | _).setName(s"${side}_all")
  }
  flags := (flags | touched(io.set, "set")) & ~touched(io.clear, "clear")

  private val gains = io.set.map(s => s.valid && !s.old)
  private val losses = io.clear.map(c => c.valid && c.old)
  private val w = cfg.countBits() + 1
  private def sum(bits: Iterable[Bool]): UInt = bits.map(_.asUInt.resize(w)).foldLeft(U(0, w bits))(_ + _)
  // The sum always lies in 0..n, so wrapping to the register width is exact.
  freeCount := (freeCount.resize(w) + sum(gains) - sum(losses)).resized

  io.count := count
  io.freeCount := freeCount
  io.flags := flags
}
