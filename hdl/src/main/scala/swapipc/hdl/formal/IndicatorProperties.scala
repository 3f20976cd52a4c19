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
 * For k-induction the harness also states what each queue holds (the descriptor memory is mapped
 * to registers for the proof): its stored slots run from the read pointer to the write pointer,
 * a descriptor being fetched is the slot just behind the read pointer (and the memory's output
 * holds it), every held descriptor comes from a real sender, each sender's descriptors sit in the
 * order of their sequence numbers (head, then the one being fetched, then the stored slots by
 * age), their number is posted - delivered, the pooled count is the number of pooled ones, and
 * both round-robin arbiters (posts, refills) remember exactly one last winner. Without these an
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
    // A queue waits for the shared read port at most endpoints - 1 cycles (round-robin), then a
    // cycle for the read: a non-empty queue never goes more than `endpoints` cycles without offering its head.
    when(in.valid) { assert(io.queued(d) =/= 0, s"queue $d offers only descriptors it holds") }
    val unoffered = (Reg(UInt(log2Up(e + 2) bits)) init 0).setName(s"unoffered_$d")
    unoffered := Mux(io.queued(d) =/= 0 && !in.valid, unoffered + 1, U(0))
    assert(unoffered <= e, s"queue $d offers its head within endpoints cycles of holding it")
    queueContents(d, in, unoffered)

    // A full queue is reachable with a sender still waiting for it, and it drains again.
    cover(io.queued(d) === cfg.queueDepth() && io.post.map(p => p.valid && !p.ready && p.dst === d).reduce(_ || _))
    val wasFull = (Reg(Bool()) init False).setName(s"wasFull_$d")
    when(io.queued(d) === cfg.queueDepth()) { wasFull := True }
    cover(wasFull && io.queued(d) === 0)
  }

  /** The inductive invariant of queue d: head, the descriptor being fetched, then the stored slots in age order. */
  private def queueContents(d: Int, head: Stream[swapipc.hdl.Descriptor], unoffered: UInt): Unit = {
    val q = dut.queues(d)
    val depth = cfg.queueDepth()
    require(isPow2(depth), "the queue invariant assumes a power-of-two depth")
    val slotBits = log2Up(depth)
    val wrPtr = q.wrPtr.pull()
    val rdPtr = q.rdPtr.pull()
    val stored = q.stored.pull()
    val loading = q.loading.pull()
    val fetched = dut.fetched.pull()
    val memory = dut.rework(Vec((0 until e * depth).map(i => dut.mem(i)))).pull()
    val slots = (0 until depth).map(i => memory(d * depth + i))
    // The round-robin arbiters remember exactly one last winner; two would let two senders in at once.
    if (d == 0) {
      // The descriptor memory is declared free of read-during-write collisions (no_rw_check).
      assert(!(dut.writing.pull() && dut.reads.io.output.valid.pull() && dut.writeAddress.pull() === dut.readAddress.pull()),
        "no descriptor slot is read and written in the same cycle")
      assert(CountOne(dut.writes.maskLocked.pull().asBits) === 1, "the post arbiter has one last winner")
      assert(CountOne(dut.reads.maskLocked.pull().asBits) === 1, "the refill arbiter has one last winner")
    }
    assert(stored <= depth, s"queue $d stores at most its depth")
    assert((rdPtr.resize(slotBits + 1) + stored).resize(slotBits) === wrPtr, s"queue $d's stored slots end at its write pointer")
    when(loading) {
      assert(!head.valid, s"queue $d fetches only into a free head")
      assert(fetched.asBits === Vec(slots)(rdPtr - 1).asBits, s"queue $d: the memory output holds the slot behind the read pointer")
    }
    // Why the head comes in time (stated for two endpoints, the proof's configuration): a queue
    // with an empty head and stored descriptors that is not being fetched lost the read port last
    // time, so round-robin grants it next; one that waited a cycle is being fetched, two: offered.
    if (e == 2) {
      val lastRead = dut.reads.maskLocked.pull()
      when(!head.valid && !loading && stored =/= 0) { assert(!lastRead(d), s"queue $d lost the read port, so it wins it next") }
      when(unoffered >= 1) { assert(head.valid || loading, s"queue $d is fetched after waiting a cycle") }
      when(unoffered >= 2) { assert(head.valid, s"queue $d is offered after waiting two cycles") }
    }
    val loadEntry = Vec(slots)(rdPtr - 1)
    val age = (0 until depth).map(i => (U(i, slotBits bits) - rdPtr).resize(slotBits + 1))
    val held = (0 until depth).map(i => age(i) < stored)
    for (s <- 0 until e) {
      val fromHead = U(head.valid && head.src === s).resize(tagBits)
      val fromLoad = U(loading && loadEntry.src === s).resize(tagBits)
      val count = (0 until depth).map(i => U(held(i) && slots(i).src === s).resize(tagBits)).reduce(_ + _)
      assert(count + fromHead + fromLoad === sent(s)(d) - delivered(s)(d), s"queue $d holds each of sender $s's undelivered descriptors once")
      when(head.valid && head.src === s) { assert(head.header.tag === delivered(s)(d), s"queue $d offers sender $s's next one") }
      when(loading && loadEntry.src === s) {
        assert(loadEntry.header.tag === delivered(s)(d) + fromHead, s"queue $d fetches sender $s's next one after its head")
      }
      for (i <- 0 until depth) when(held(i) && slots(i).src === s) {
        val older = (0 until depth).map(j => U(held(j) && slots(j).src === s && age(j) < age(i)).resize(tagBits)).reduce(_ + _)
        assert(slots(i).header.tag === delivered(s)(d) + fromHead + fromLoad + older, s"queue $d keeps sender $s's descriptors in order")
      }
    }
    if (e < (1 << cfg.endpointBits())) {
      for (i <- 0 until depth) when(held(i)) { assert(slots(i).src < e) }
      when(loading) { assert(loadEntry.src < e) }
    }
    val pooled = (0 until depth).map(i => U(held(i) && slots(i).pooled).resize(io.pooled(d).getWidth)).reduce(_ + _)
    assert(io.pooled(d) === pooled + U(head.valid && head.pooled).resized + U(loading && loadEntry.pooled).resized,
      s"queue $d's pooled count matches what it holds")
  }
}
