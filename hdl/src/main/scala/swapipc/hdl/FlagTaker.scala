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
 * Fig. 6 as software runs it, one flag at a time, for `requesters` BufferPorts: swap a 0 into the
 * named flag and answer its old value (claim 5's atomic swap with TEMP = 0). One take at a time
 * (round-robin among requesters: takes are software's, a few per call, so one swap port serves
 * all): the request is registered (decoded one-hot), swapped in the next cycle as the FlagBank's
 * last clearer (so an allocation of the same flag in that cycle wins and the take reads 0), and
 * answered to its requester from a register the cycle after. While `yieldNow` is high (senders
 * wait for a buffer) a take swaps nothing and reads 0.
 */
class FlagTaker(cfg: Config, requesters: Int) extends Component {
  private val n = cfg.buffers()
  val io = new Bundle {
    val take = Vec(slave(TakeChannel(cfg)), requesters)
    val swap = master(SwapPort(cfg))
    val hold = in Bool()
    val yieldNow = in Bool()
  }

  val busy = Reg(Bool()) init False
  val pending = Reg(Bool()) init False
  val target = Reg(Bits(n bits)) init 0
  val who = Reg(UInt(log2Up(requesters) max 1 bits)) init 0
  val won = Reg(Bool()) init False

  private val requests = new RoundRobinArbiter(UInt(cfg.indexBits() bits), requesters)
  for (k <- 0 until requesters) requests.io.inputs(k) << io.take(k).req
  requests.io.output.ready := !busy && !io.hold
  when(requests.io.output.fire) {
    busy := True
    pending := True
    target := UIntToOh(requests.io.output.payload, n)
    who := requests.io.chosen.resized
  }
  private val decide = pending && !io.hold
  io.swap.valid := decide && !io.yieldNow
  io.swap.oh := target
  when(decide) {
    pending := False
    won := !io.yieldNow && io.swap.old
  }
  for (k <- 0 until requesters) {
    io.take(k).rsp.valid := busy && !pending && who === k
    io.take(k).rsp.payload := won
    when(io.take(k).rsp.fire) { busy := False }
  }
}
