package swapipc.hdl

import spinal.core._
import spinal.lib._
import swapipc.model.Config

/**
 * One requester's atomic swap on the FlagBank: flag(index) := the port's value, and the old flag
 * comes back in the same cycle. The value is fixed by the side of the bank the port is on: a
 * setter swaps in a 1 (free: the initializer and the Deallocator), a clearer a 0 (allocate).
 */
case class SwapPort(cfg: Config) extends Bundle with IMasterSlave {
  val valid = Bool()
  val index = UInt(cfg.indexBits() bits)
  val old = Bool()

  override def asMaster(): Unit = {
    out(valid, index)
    in(old)
  }
}
