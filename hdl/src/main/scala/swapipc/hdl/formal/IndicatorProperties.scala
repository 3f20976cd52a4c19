package swapipc.hdl.formal

import spinal.core._
import spinal.core.formal._
import spinal.lib._
import swapipc.hdl.Indicator
import swapipc.model.{Config, WireFormat}

import scala.language.reflectiveCalls

/**
 * Formal harness of the Indicator (the message path's queues). Senders and receivers are free
 * (anyseq) except for what a Marshaler guarantees: a posted descriptor stays offered, unchanged,
 * until taken; it names its own source; and each sender numbers its descriptors to each
 * destination 0, 1, 2, ... in the tag field. Shadow counters of descriptors posted and delivered
 * per pair then show that every posted descriptor is delivered exactly once and in order, and
 * that a full queue holds the sender rather than drop anything.
 *
 * For k-induction the harness also states what each queue holds, slot by slot (the queue RAM is
 * mapped to registers for the proof): its read stage is one slot behind the read pointer, every
 * occupied slot comes from a real sender, each sender's descriptors sit in the queue in the order
 * of their sequence numbers (the head of each sender's run is the next one due), their number is
 * posted - delivered, the pooled count is the number of pooled ones, and the arbiter in front
 * of each queue remembers exactly one last winner. Without these an
 * inductive step may start from a queue full of garbage that no reset could reach.
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
    queueContents(d, in)

    // A full queue is reachable with a sender still waiting for it, and it drains again.
    cover(io.queued(d) === cfg.queueDepth() && io.post.map(p => p.valid && !p.ready && p.dst === d).reduce(_ || _))
    val wasFull = (Reg(Bool()) init False).setName(s"wasFull_$d")
    when(io.queued(d) === cfg.queueDepth()) { wasFull := True }
    cover(wasFull && io.queued(d) === 0)
  }

  /** The inductive invariant of queue d: slots between the read pointer and the write pointer, in age order. */
  private def queueContents(d: Int, head: Stream[swapipc.hdl.Descriptor]): Unit = {
    val fifo = dut.queues(d).fifo
    val depth = cfg.queueDepth()
    require(isPow2(depth), "the queue invariant assumes a power-of-two depth (pointers with an extra wrap bit)")
    // The FIFO's own state, read up through the hierarchy; the RAM slots are read inside the FIFO.
    val push = fifo.logic.ptr.push.pull()
    val readPtr = fifo.logic.ptr.pop.pull()
    val stageValid = fifo.logic.pop.sync.readArbitration.valid.pull()
    val stageSlot = fifo.logic.pop.sync.readArbitration.payload.pull()
    val popIo = fifo.logic.pop.sync.popReg.pull()
    val slots = fifo.rework(Vec((0 until depth).map(i => fifo.logic.ram(i)))).pull()
    val slotBits = log2Up(depth)
    // The round-robin arbiter remembers exactly one last winner; two would let two senders in at once.
    val lastWinner = dut.queues(d).arbiter.maskLocked.pull()
    assert(CountOne(lastWinner.asBits) === 1, s"queue $d's arbiter has one last winner")
    assert(readPtr === popIo + U(stageValid).resized, s"queue $d: the read stage holds the slot before the read pointer")
    when(stageValid) { assert(stageSlot === popIo.resize(slotBits), s"queue $d: the read stage holds the oldest slot") }
    assert(head.valid === stageValid)
    val inRam = (push - readPtr).resize(slotBits + 1)
    // Age of slot i: how many slots after the read pointer it is.
    val age = (0 until depth).map(i => (U(i, slotBits bits) - readPtr.resize(slotBits)).resize(slotBits + 1))
    val held = (0 until depth).map(i => age(i) < inRam)
    for (s <- 0 until e) {
      val fromHead = U(head.valid && head.src === s).resize(tagBits)
      val count = (0 until depth).map(i => U(held(i) && slots(i).src === s).resize(tagBits)).reduce(_ + _)
      assert(count + fromHead === sent(s)(d) - delivered(s)(d), s"queue $d holds each of sender $s's undelivered descriptors once")
      for (i <- 0 until depth) when(held(i) && slots(i).src === s) {
        val older = (0 until depth).map(j => U(held(j) && slots(j).src === s && age(j) < age(i)).resize(tagBits)).reduce(_ + _)
        assert(slots(i).header.tag === delivered(s)(d) + fromHead + older, s"queue $d keeps sender $s's descriptors in order")
      }
      when(head.valid && head.src === s) { assert(head.header.tag === delivered(s)(d), s"queue $d offers sender $s's next one") }
    }
    if (e < (1 << cfg.endpointBits())) for (i <- 0 until depth) when(held(i)) { assert(slots(i).src < e) }
    val pooled = (0 until depth).map(i => U(held(i) && slots(i).pooled).resize(io.pooled(d).getWidth)).reduce(_ + _)
    assert(io.pooled(d) === pooled + U(head.valid && head.pooled).resized, s"queue $d's pooled count matches what it holds")
  }
}
