package swapipc.hdl

import spinal.core._
import spinal.lib._
import swapipc.model.Config

/**
 * Several requesters on one allocate port (the IpcUnit's BufferPort CLAIMs: software's, a few per
 * call, so one allocator lane serves all endpoints and the allocator's rank chain stays short).
 * Requests are taken round-robin; the lane answers in order, so who asked is queued and each
 * answer goes back to its requester, combinationally both ways (no added cycle).
 */
class AllocArbiter(cfg: Config, requesters: Int) extends Component {
  val io = new Bundle {
    val inputs = Vec(slave(AllocChannel(cfg)), requesters)
    val output = master(AllocChannel(cfg))
  }

  val requests = new RoundRobinArbiter(AllocReq(), requesters)
  for (k <- 0 until requesters) requests.io.inputs(k) << io.inputs(k).req
  // Each requester has at most one claim in flight, so `requesters` entries always suffice.
  val askedBy = StreamFifo(UInt(log2Up(requesters) max 1 bits), requesters)
  askedBy.io.push.valid := requests.io.output.fire
  askedBy.io.push.payload := requests.io.chosen.resized
  io.output.req.valid := requests.io.output.valid && askedBy.io.push.ready
  io.output.req.payload := requests.io.output.payload
  requests.io.output.ready := io.output.req.ready && askedBy.io.push.ready

  private val head = askedBy.io.pop.payload
  for (k <- 0 until requesters) {
    io.inputs(k).rsp.valid := io.output.rsp.valid && askedBy.io.pop.valid && head === k
    io.inputs(k).rsp.payload := io.output.rsp.payload
  }
  io.output.rsp.ready := askedBy.io.pop.valid && (if (requesters == 1) io.inputs(0).rsp.ready else io.inputs.map(_.rsp.ready).read(head))
  askedBy.io.pop.ready := io.output.rsp.fire
}
