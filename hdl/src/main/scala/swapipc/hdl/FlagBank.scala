package swapipc.hdl

import spinal.core._
import spinal.lib._
import swapipc.model.Config

/**
 * The control area of Fig. 5: the count register (item 501) and one allocation flag per buffer
 * (1 = free, 0 = allocated). Buffer references (items 503..509) are not stored: buffer i always
 * starts at poolBase + i * bufferBytes, so the units compute them.
 *
 * Every flag change is an atomic swap (claim 5) done in one cycle. The swap ports are serialized
 * in index order: port k sees the flags as ports 0..k-1 left them, so when two ports swap a 0 into
 * the same free flag only the lower one gets the 1 back, and no flag is ever granted twice.
 */
class FlagBank(cfg: Config, requesters: Int) extends Component {
  val io = new Bundle {
    val swap = Vec(slave(SwapPort(cfg)), requesters)
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

  // Ripple the swaps through the flag vector in port order; each stage is one atomic swap.
  private var view = flags
  private val gains = Bits(requesters bits)
  private val losses = Bits(requesters bits)
  for ((port, k) <- io.swap.zipWithIndex) {
    val select = (UIntToOh(port.index, n) & B(n bits, default -> port.valid)).setName(s"select_$k")
    port.old := (view & select).orR
    gains(k) := port.valid && port.value && !port.old
    losses(k) := port.valid && !port.value && port.old
    view = (Mux(port.value, view | select, view & ~select)).setName(s"view_$k")
  }
  flags := view
  // The sum always lies in 0..n, so wrapping to the register width is exact.
  freeCount := (freeCount + CountOne(gains) - CountOne(losses)).resized

  io.count := count
  io.freeCount := freeCount
  io.flags := flags
}
