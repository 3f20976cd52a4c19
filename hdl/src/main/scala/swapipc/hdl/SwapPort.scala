package swapipc.hdl

import spinal.core._
import spinal.lib._
import swapipc.model.Config

/**
 * One requester's atomic swap on the FlagBank: the flag selected by `oh` takes the port's value,
 * and the old flag comes back in the same cycle. The flag is named one-hot, not by index, so that
 * neither side encodes or decodes an index on the allocation loop. The value is fixed by the side
 * of the bank the port is on: a setter swaps in a 1 (free: the initializer and the Deallocator),
 * a clearer a 0 (allocate). A port with `oh` = 0 swaps nothing and gets 0 back.
 */
case class SwapPort(cfg: Config) extends Bundle with IMasterSlave {
  val valid = Bool()
  val oh = Bits(cfg.buffers() bits)
  val old = Bool()

  override def asMaster(): Unit = {
    out(valid, oh)
    in(old)
  }
}
