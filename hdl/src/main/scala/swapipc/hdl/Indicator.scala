package swapipc.hdl

import spinal.core._
import spinal.lib._
import swapipc.model.Config

/**
 * Claims 7c/12c: posts each descriptor into its destination's inbound queue (queueDepth
 * entries). Senders to one destination are served round-robin; a full queue back-pressures the
 * sender, so no message is ever dropped. A sender's descriptors to one destination stay in order.
 */
class Indicator(cfg: Config) extends Component {
  private val e = cfg.endpoints()
  val io = new Bundle {
    val post = Vec(slave(Stream(Descriptor(cfg))), e)
    val inbound = Vec(master(Stream(Descriptor(cfg))), e)
    val queued = out Vec (UInt(log2Up(cfg.queueDepth() + 1) bits), e)
    /** debugPorts: descriptors in each queue that reference a pool buffer. */
    val pooled = cfg.debugPorts() generate (out Vec (UInt(log2Up(cfg.queueDepth() + 1) bits), e))
  }

  val routes = io.post.map(p => StreamDemux(p, p.dst, e))

  val queues = for (d <- 0 until e) yield new Area {
    val arbiter = StreamArbiterFactory().roundRobin.noLock.build(Descriptor(cfg), e)
    for (s <- 0 until e) arbiter.io.inputs(s) << routes(s)(d)
    val fifo = StreamFifo(Descriptor(cfg), cfg.queueDepth())
    fifo.io.push << arbiter.io.output
    io.inbound(d) << fifo.io.pop
    io.queued(d) := fifo.io.occupancy

    if (cfg.debugPorts()) {
      val pooled = Reg(UInt(log2Up(cfg.queueDepth() + 1) bits)) init 0
      pooled := pooled + U(fifo.io.push.fire && fifo.io.push.pooled).resized - U(fifo.io.pop.fire && fifo.io.pop.pooled).resized
      io.pooled(d) := pooled
    }
  }.setName(s"queue_$d")
}
