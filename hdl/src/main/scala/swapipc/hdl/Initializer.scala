package swapipc.hdl

import spinal.core._
import spinal.lib._
import swapipc.model.Config

/**
 * Fig. 8: after reset, and again on `reinit`, loads count = n and walks the buffers one per
 * cycle, swapping a 1 (free) into each flag. While it walks, `busy` holds every requester off.
 * `reinit` is the recovery path that frees the whole pool without a reset; it is ignored while
 * a walk is already under way.
 */
class Initializer(cfg: Config) extends Component {
  val io = new Bundle {
    val reinit = in Bool()
    val busy = out Bool()
    /** What `busy` is in the next cycle: the requesters keep their own copy (see Allocator). */
    val busyNext = out Bool()
    val loadCount = out Bool()
    val swap = master(SwapPort(cfg))
  }

  val busy = Reg(Bool()) init True
  val index = Reg(UInt(cfg.indexBits() bits)) init 0

  io.busy := busy
  io.busyNext := Mux(busy, index =/= cfg.buffers() - 1, io.reinit)
  busy := io.busyNext
  io.loadCount := busy
  io.swap.valid := busy
  io.swap.oh := UIntToOh(index, cfg.buffers())

  when(busy) { index := index + 1 } elsewhen (io.reinit) { index := 0 }
}
