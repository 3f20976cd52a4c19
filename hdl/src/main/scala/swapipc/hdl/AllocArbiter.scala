package swapipc.hdl

import spinal.core._
import spinal.lib._
import swapipc.model.{AllocStatus, Config}

/**
 * Several requesters on one allocate port (the IpcUnit's BufferPort CLAIMs: software's, a few per
 * call, so one allocator lane serves all endpoints and the allocator's rank chain stays short).
 * Requests are taken round-robin; the lane answers in order, so who asked is queued and each
 * answer goes back to its requester. Each requester has at most one claim in flight, so its answer
 * always has a place: it passes straight through when the requester takes it, and otherwise waits
 * in that requester's own register. The lane's answers are therefore taken the cycle they are
 * offered, and no requester's ready (software's, through its BufferPort) reaches the allocator.
 */
class AllocArbiter(cfg: Config, requesters: Int) extends Component {
  val io = new Bundle {
    val inputs = Vec(slave(AllocChannel(cfg)), requesters)
    val output = master(AllocChannel(cfg))
  }

  val requests = new RoundRobinArbiter(AllocReq(), requesters)
  for (k <- 0 until requesters) requests.io.inputs(k) << io.inputs(k).req
  // `requesters` entries always suffice (one claim in flight per requester).
  val askedBy = StreamFifo(UInt(log2Up(requesters) max 1 bits), requesters)
  askedBy.io.push.valid := requests.io.output.fire
  askedBy.io.push.payload := requests.io.chosen.resized
  io.output.req.valid := requests.io.output.valid && askedBy.io.push.ready
  io.output.req.payload := requests.io.output.payload
  requests.io.output.ready := io.output.req.ready && askedBy.io.push.ready

  private val head = askedBy.io.pop.payload
  private val answer = io.output.rsp.payload
  io.output.rsp.ready := True
  askedBy.io.pop.ready := io.output.rsp.valid
  val held = for ((input, k) <- io.inputs.zipWithIndex) yield new Area {
    val fresh = io.output.rsp.valid && askedBy.io.pop.valid && head === k
    val valid = Reg(Bool()) init False
    val status = Reg(UInt(answer.status.getWidth bits)) init 0
    val index = Reg(UInt(answer.index.getWidth bits)) init 0
    input.rsp.valid := valid || fresh
    input.rsp.status := Mux(valid, status, answer.status)
    input.rsp.index := Mux(valid, index, answer.index)
    private val heldRef = Mux(status === AllocStatus.OK.code(), Refs.of(cfg, index), U(0, cfg.dataWidth() bits))
    input.rsp.ref := Mux(valid, heldRef, answer.ref)
    when(fresh && !input.rsp.ready) {
      valid := True
      status := answer.status
      index := answer.index
    }
    when(valid && input.rsp.ready) { valid := False }
  }.setName(s"held_$k")
}
