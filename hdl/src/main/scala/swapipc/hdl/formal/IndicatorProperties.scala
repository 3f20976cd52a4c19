package swapipc.hdl.formal

import spinal.core._
import spinal.core.formal._
import spinal.lib._
import swapipc.hdl.formal.FormalHarness.duty
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
 *
 * `fromPorts`: the assertions that do not rest on the tag numbering, as simulation assertions with
 * the Indicator's ports as this block's own (an IpcUnit simulation build uses it in place of its
 * Indicator; real traffic reuses tags freely): the Marshalers' duties (a post holds until taken and
 * names its sender), occupancy = accepted - delivered per queue, pooled within occupancy, a head
 * offered within `endpoints` cycles, the pointers, the arbiters and the memory's collision rule.
 * What each slot holds is not restated there: reading every slot would add a port per slot.
 */
class IndicatorProperties(cfg: Config, fromPorts: Boolean = false) extends Component with Indicator.Ports {
  private val e = cfg.endpoints()
  private val tagBits = WireFormat.TAG.width()
  val dut = new Indicator(cfg)
  /** The ports judged: this block's own (fromPorts), or the Indicator's, every input free. */
  val io: Indicator.Io = if (fromPorts) Indicator.Io(cfg) else dut.io
  if (fromPorts) dut.io <> io else for (s <- io.flatten if s.isInput) anyseq(s)
  assumeInitial(ClockDomain.current.isResetActive)
  val started = RegNext(True) init False

  private def counter(name: String, bits: Int) = (Reg(UInt(bits bits)) init 0).setName(name)
  /** Per pair (source, destination) for the proof's order check; per destination in simulation. */
  val sent = if (fromPorts) Nil else Seq.tabulate(e, e)((s, d) => counter(s"sent_${s}_$d", tagBits))
  val delivered = if (fromPorts) Nil else Seq.tabulate(e, e)((s, d) => counter(s"delivered_${s}_$d", tagBits))

  for ((post, s) <- io.post.zipWithIndex) {
    duty(fromPorts, post.src === s, s"sender $s names itself in its posts")
    if (e < (1 << cfg.endpointBits())) duty(fromPorts, !post.valid || post.dst < e, s"sender $s posts to an endpoint")
    when(started && past(post.valid && !post.ready)) {
      duty(fromPorts, post.valid && post.payload.asBits === past(post.payload.asBits), s"sender $s's post holds until taken")
    }
    if (!fromPorts) for (d <- 0 until e) {
      when(post.valid && post.dst === d) { assume(post.header.tag === sent(s)(d)) }
      when(post.fire && post.dst === d) { sent(s)(d) := sent(s)(d) + 1 }
    }
  }

  private val width = Indicator.countBits(cfg) + 1
  for ((in, d) <- io.inbound.zipWithIndex) {
    val inQueue = if (fromPorts) {
      val accepted = counter(s"accepted_$d", width)
      val taken = counter(s"taken_$d", width)
      when(io.post.map(p => p.fire && p.dst === d).orR) { accepted := accepted + 1 }
      when(in.fire) { taken := taken + 1 }
      accepted - taken
    } else {
      for (s <- 0 until e) {
        when(in.fire && in.src === s) {
          assert(in.header.tag === delivered(s)(d), s"queue $d delivers sender $s's descriptors once each, in order")
          delivered(s)(d) := delivered(s)(d) + 1
        }
      }
      (0 until e).map(s => (sent(s)(d) - delivered(s)(d)).resize(width)).reduce(_ + _)
    }
    assert(inQueue === io.queued(d).resized, s"every descriptor accepted for $d is queued until delivered: none dropped")
    assert(io.queued(d) <= cfg.queueDepth(), s"queue $d holds at most its depth")
    if (io.pooled != null) assert(io.pooled(d) <= io.queued(d), s"queue $d's pooled count is within its occupancy")
    // A queue waits for the shared read port at most endpoints - 1 cycles (round-robin), then a
    // cycle for the read: a non-empty queue never goes more than `endpoints` cycles without offering its head.
    when(in.valid) { assert(io.queued(d) =/= 0, s"queue $d offers only descriptors it holds") }
    val unoffered = (Reg(UInt(log2Up(e + 2) bits)) init 0).setName(s"unoffered_$d")
    unoffered := Mux(io.queued(d) =/= 0 && !in.valid, unoffered + 1, U(0))
    assert(unoffered <= e, s"queue $d offers its head within endpoints cycles of holding it")
    val q = QueueState(dut.queues(d).rdPtr.pull(), dut.queues(d).stored.pull(), dut.queues(d).loading.pull())
    // Induction strengthening: the occupancy registers count the stored, fetched and head descriptors.
    val w = io.queued(d).getWidth + 1
    assert(io.queued(d).resize(w) === q.stored.resize(w) + U(dut.queues(d).headValid.pull()).resize(w) + U(q.loading).resize(w),
      s"queue $d's occupancy is stored + fetched + head")
    assert(dut.queues(d).full.pull() === (io.queued(d) === cfg.queueDepth()), s"queue $d is full exactly at its depth")
    queueStructure(d, in, unoffered, q)
    if (!fromPorts) queueSlots(d, in, q)

    // A full queue is reachable with a sender still waiting for it, and it drains again.
    if (!fromPorts) {
      cover(io.queued(d) === cfg.queueDepth() && io.post.map(p => p.valid && !p.ready && p.dst === d).reduce(_ || _))
      val wasFull = (Reg(Bool()) init False).setName(s"wasFull_$d")
      when(io.queued(d) === cfg.queueDepth()) { wasFull := True }
      cover(wasFull && io.queued(d) === 0)
    }
  }

  /** A queue's registers the invariants read, pulled out of the Indicator once. */
  private case class QueueState(rdPtr: UInt, stored: UInt, loading: Bool)

  /** The post and refill arbiters' state, read once for every queue. */
  private lazy val postArbiter = FormalHarness.roundRobin(dut.writes)
  private lazy val refillArbiter = FormalHarness.roundRobin(dut.reads)

  /** The inductive invariant of queue d without its slots' contents: pointers, the fetch, the arbiters. */
  private def queueStructure(d: Int, head: Stream[swapipc.hdl.Descriptor], unoffered: UInt, q: QueueState): Unit = {
    import q._
    val depth = cfg.queueDepth()
    val wrPtr = dut.queues(d).wrPtr.pull()
    // The round-robin arbiters remember exactly one last winner; two would let two senders in at once.
    if (d == 0) {
      // The descriptor memory is declared free of read-during-write collisions (no_rw_check).
      assert(!(dut.writing.pull() && dut.reads.io.output.valid.pull() && dut.writeAddress.pull() === dut.readAddress.pull()),
        "no descriptor slot is read and written in the same cycle")
      assert(postArbiter.wellFormed, "the post arbiter has one last winner, and its order")
      assert(refillArbiter.wellFormed, "the refill arbiter has one last winner, and its order")
    }
    assert(stored <= depth, s"queue $d stores at most its depth")
    val end = rdPtr.resize(stored.getWidth + 1) + stored.resize(stored.getWidth + 1)
    assert(Mux(end >= depth, end - depth, end) === wrPtr.resized, s"queue $d's stored slots end at its write pointer")
    when(loading) { assert(!head.valid, s"queue $d fetches only into a free head") }
    // Why the head comes in time (stated for two endpoints, the proof's configuration): a queue
    // with an empty head and stored descriptors that is not being fetched lost the read port last
    // time, so round-robin grants it next; one that waited a cycle is being fetched, two: offered.
    if (e == 2) {
      val lastRead = refillArbiter.last
      when(!head.valid && !loading && stored =/= 0) { assert(!lastRead(d), s"queue $d lost the read port, so it wins it next") }
      when(unoffered >= 1) { assert(head.valid || loading, s"queue $d is fetched after waiting a cycle") }
      when(unoffered >= 2) { assert(head.valid, s"queue $d is offered after waiting two cycles") }
    }
  }

  /** The rest of queue d's invariant (proof only): what its slots hold, in age order after the head and the fetch. */
  private def queueSlots(d: Int, head: Stream[swapipc.hdl.Descriptor], q: QueueState): Unit = {
    import q._
    val depth = cfg.queueDepth()
    require(isPow2(depth), "the queue invariant assumes a power-of-two depth")
    val slotBits = log2Up(depth)
    val memory = dut.rework(Vec((0 until e * depth).map(i => dut.mem(i)))).pull()
    val slots = (0 until depth).map(i => memory(d * depth + i))
    when(loading) {
      assert(dut.fetched.pull().asBits === Vec(slots)(rdPtr - 1).asBits, s"queue $d: the memory output holds the slot behind the read pointer")
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
