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
 * 1 back: no flag is ever granted twice. The order is computed in parallel on one-hot vectors: a
 * port's old value is its flag in the flags OR the earlier setters' vectors (AND NOT the earlier
 * clearers' vectors). `next` is the flags as this cycle's swaps leave them.
 *
 * The initializer's `walk` swaps a 1 too, but outside that order: while it walks, every
 * requester is held off (see Initializer), so no other swap ever meets it, and ordering the
 * frees after it would only lengthen their path.
 */
class FlagBank(cfg: Config, setters: Int, clearers: Int) extends Component {
  val io = new Bundle {
    val walk = slave(SwapPort(cfg))
    val set = Vec(slave(SwapPort(cfg)), setters)
    val clear = Vec(slave(SwapPort(cfg)), clearers)
    val loadCount = in Bool()
    val count = out UInt (cfg.countBits() bits)
    val freeCount = out UInt (cfg.countBits() bits)
    val flags = out Bits (cfg.buffers() bits)
    val next = out Bits (cfg.buffers() bits)
  }

  private val n = cfg.buffers()
  val flags = Reg(Bits(n bits)) init 0
  val count = Reg(UInt(cfg.countBits() bits)) init 0
  val freeCount = Reg(UInt(cfg.countBits() bits)) init 0

  when(io.loadCount) { count := n }

  /** The flags a port swaps this cycle (named: the mutants edit them). */
  private def swapped(p: SwapPort, side: String, k: Int): Bits =
    (p.oh & B(n bits, default -> p.valid)).setName(s"${side}_oh_$k")
  private def union(v: Iterable[Bits]): Bits = v.foldLeft(B(0, n bits))(_ | _)

  private val setOh = io.set.zipWithIndex.map { case (s, k) => swapped(s, "set", k) }
  private val clearOh = io.clear.zipWithIndex.map { case (c, k) => swapped(c, "clear", k) }
  for ((s, k) <- io.set.zipWithIndex) s.old := ((flags | union(setOh.take(k))) & s.oh).orR
  io.walk.old := (flags & io.walk.oh).orR
  private val setAll = union(swapped(io.walk, "walk", 0) +: setOh).setName("set_all")
  private val afterSet = flags | setAll
  for ((c, k) <- io.clear.zipWithIndex) c.old := (afterSet & ~union(clearOh.take(k)) & c.oh).orR
  private val clearAll = clearOh.reduce(_ | _).setName("clear_all")
  io.next := afterSet & ~clearAll
  flags := io.next

  // freeCount follows the flags one cycle late: this cycle's gains and losses are registered
  // first, so the count is off the swap paths (its adder would end the allocation loop).
  private val gains = (io.walk +: io.set).map(s => RegNext(s.valid && !s.old) init False)
  private val losses = io.clear.map(c => RegNext(c.valid && c.old) init False)
  private val w = cfg.countBits() + 1
  private def sum(bits: Iterable[Bool]): UInt = bits.map(_.asUInt.resize(w)).foldLeft(U(0, w bits))(_ + _)
  // The sum always lies in 0..n, so wrapping to the register width is exact.
  freeCount := (freeCount.resize(w) + sum(gains) - sum(losses)).resized

  io.count := count
  io.freeCount := freeCount
  io.flags := flags
}
