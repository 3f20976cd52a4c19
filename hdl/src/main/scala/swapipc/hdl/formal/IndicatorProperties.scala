package swapipc.hdl.formal

import spinal.core._
import spinal.core.formal._
import spinal.lib._
import swapipc.hdl.Indicator
import swapipc.model.{Config, WireFormat}

/**
 * Formal harness of the Indicator (the message path's queues). Senders and receivers are free
 * (anyseq) except for what a Marshaler guarantees: a posted descriptor stays offered, unchanged,
 * until taken; it names its own source; and each sender numbers its descriptors to each
 * destination 0, 1, 2, ... in the tag field. Shadow counters of descriptors posted and delivered
 * per pair then show that every posted descriptor is delivered exactly once and in order, and
 * that a full queue holds the sender rather than drop anything.
 */
class IndicatorProperties(cfg: Config) extends Component {
  private val e = cfg.endpoints()
  private val tagBits = WireFormat.TAG.width()
  val dut = new Indicator(cfg)
  private val io = dut.io
  for (s <- io.flatten if s.isInput) anyseq(s)
  assumeInitial(ClockDomain.current.isResetActive)
  val started = RegNext(True) init False

  private def counter(name: String) = (Reg(UInt(tagBits bits)) init 0).setName(name)
  val sent = Seq.tabulate(e, e)((s, d) => counter(s"sent_${s}_$d"))
  val delivered = Seq.tabulate(e, e)((s, d) => counter(s"delivered_${s}_$d"))

  for ((post, s) <- io.post.zipWithIndex) {
    assume(post.src === s)
    if (e < (1 << cfg.endpointBits())) assume(post.dst < e)
    when(started && past(post.valid && !post.ready)) {
      assume(post.valid && post.payload.asBits === past(post.payload.asBits))
    }
    for (d <- 0 until e) {
      when(post.valid && post.dst === d) { assume(post.header.tag === sent(s)(d)) }
      when(post.fire && post.dst === d) { sent(s)(d) := sent(s)(d) + 1 }
    }
  }

  private val width = log2Up(cfg.queueDepth() + 1) + 1
  for ((in, d) <- io.inbound.zipWithIndex) {
    for (s <- 0 until e) {
      when(in.fire && in.src === s) {
        assert(in.header.tag === delivered(s)(d), s"queue $d delivers sender $s's descriptors once each, in order")
        delivered(s)(d) := delivered(s)(d) + 1
      }
    }
    val inQueue = (0 until e).map(s => (sent(s)(d) - delivered(s)(d)).resize(width)).reduce(_ + _)
    assert(inQueue === io.queued(d).resized, s"every descriptor accepted for $d is queued until delivered: none dropped")
    assert(io.queued(d) <= cfg.queueDepth())
    assert(io.pooled(d) <= io.queued(d), s"queue $d's pooled count is within its occupancy")
    // The queue RAM is read synchronously, so a descriptor written in a cycle is offered from the
    // next one: a non-empty queue never goes more than one cycle without offering its head.
    when(in.valid) { assert(io.queued(d) =/= 0, s"queue $d offers only descriptors it holds") }
    val unoffered = (Reg(UInt(2 bits)) init 0).setName(s"unoffered_$d")
    unoffered := Mux(io.queued(d) =/= 0 && !in.valid, unoffered + 1, U(0, 2 bits))
    assert(unoffered <= 1, s"queue $d offers its head within a cycle of holding it")
    // A full queue is reachable with a sender still waiting for it, and it drains again.
    cover(io.queued(d) === cfg.queueDepth() && io.post.map(p => p.valid && !p.ready && p.dst === d).reduce(_ || _))
    val wasFull = (Reg(Bool()) init False).setName(s"wasFull_$d")
    when(io.queued(d) === cfg.queueDepth()) { wasFull := True }
    cover(wasFull && io.queued(d) === 0)
  }
}
