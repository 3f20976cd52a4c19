package swapipc.hdl

import spinal.core._
import spinal.lib._
import swapipc.model.Config

/** A take request: the buffer whose flag to swap. Its answer: whether the flag was 1 (the buffer is now the requester's). */
case class TakeChannel(cfg: Config) extends Bundle with IMasterSlave {
  val req = Stream(UInt(cfg.indexBits() bits))
  val rsp = Stream(Bool())

  override def asMaster(): Unit = {
    master(req)
    slave(rsp)
  }
}

/**
 * Fig. 6 as software runs it, one flag at a time: swap a 0 into the named flag and answer its old
 * value (claim 5's atomic swap with TEMP = 0). The request is registered (decoded one-hot), swapped
 * in the next cycle as a FlagBank clearer after the allocator's ports (so an allocation of the
 * same flag in that cycle wins and the take reads 0), and answered from a register the cycle after.
 * While `yieldNow` is high (senders wait for a buffer) a take swaps nothing and reads 0.
 */
class FlagTaker(cfg: Config) extends Component {
  private val n = cfg.buffers()
  val io = new Bundle {
    val take = slave(TakeChannel(cfg))
    val swap = master(SwapPort(cfg))
    val hold = in Bool()
    val yieldNow = in Bool()
  }

  val pending = Reg(Bool()) init False
  val target = Reg(Bits(n bits)) init 0
  val rspValid = Reg(Bool()) init False
  val won = Reg(Bool()) init False

  io.take.req.ready := !pending && !rspValid && !io.hold
  when(io.take.req.fire) {
    pending := True
    target := UIntToOh(io.take.req.payload, n)
  }
  private val decide = pending && !io.hold
  io.swap.valid := decide && !io.yieldNow
  io.swap.oh := target
  when(decide) {
    pending := False
    rspValid := True
    won := !io.yieldNow && io.swap.old
  }
  io.take.rsp.valid := rspValid
  io.take.rsp.payload := won
  when(io.take.rsp.fire) { rspValid := False }
}
