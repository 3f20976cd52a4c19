package swapipc.hdl

import spinal.core._
import spinal.lib._
import swapipc.model.Config

/** One requester's atomic swap on the FlagBank: flag(index) := value, the old flag comes back in the same cycle. */
case class SwapPort(cfg: Config) extends Bundle with IMasterSlave {
  val valid = Bool()
  val index = UInt(cfg.indexBits() bits)
  val value = Bool()
  val old = Bool()

  override def asMaster(): Unit = {
    out(valid, index, value)
    in(old)
  }
}
