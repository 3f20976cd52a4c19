package swapipc.hdl

import spinal.core._
import spinal.lib._
import swapipc.model.Config

/** A descriptor as its queue stores it: the destination is the queue's own number. */
case class QueuedDescriptor(cfg: Config) extends Bundle {
  val src = UInt(cfg.endpointBits() bits)
  val header = MsgHeader()
  val pooled = Bool()
  val index = UInt(cfg.indexBits() bits)
  val inline = Vec(Bits(32 bits), MsgWidths.inlineWords(cfg))
}

/**
 * Claims 7c/12c: posts each descriptor into its destination's inbound queue (queueDepth
 * entries); a full queue back-pressures the sender, so no message is ever dropped, and a sender's
 * descriptors to one destination stay in order.
 *
 * All queues live in one descriptor memory (endpoints x queueDepth entries, one write and one read
 * port: one block-RAM group on an FPGA, where per-queue FIFOs would each take a whole group for a
 * few entries, their width setting the block count). Each queue offers its head from a register.
 * One post is written per cycle, senders served round-robin among those whose queue has room; a
 * post to a queue with nothing stored goes straight to its head register, so it is offered in the
 * next cycle. One head is refilled from the memory per cycle, queues served round-robin, so a
 * queue that holds descriptors offers one within `endpoints` cycles.
 */
class Indicator(cfg: Config) extends Component with Indicator.Ports {
  private val e = cfg.endpoints()
  private val depth = cfg.queueDepth()
  private val countBits = Indicator.countBits(cfg)
  private val ptrBits = log2Up(depth)
  val io = Indicator.Io(cfg)

  val mem = Mem(QueuedDescriptor(cfg), e * depth)
  // A slot is never read and written in one cycle (a queue reads only when it stores something and
  // writes only when it has room; proved in IndicatorProperties): yosys need not add the
  // read-during-write bypass (a register per bit) that a block RAM would otherwise require.
  mem.addAttribute("no_rw_check")
  private def address(d: UInt, ptr: UInt): UInt = {
    val bits = log2Up(e * depth)
    if (isPow2(depth)) (d @@ ptr).resize(bits)
    else (d.resize(bits) * U(depth, bits bits)).resize(bits) + ptr.resize(bits)
  }

  val queues = for (d <- 0 until e) yield new Area {
    val wrPtr = Reg(UInt(ptrBits bits)) init 0
    val rdPtr = Reg(UInt(ptrBits bits)) init 0
    /** Descriptors in the memory, not counting the one being fetched into the head. */
    val stored = Reg(UInt(countBits bits)) init 0
    val head = Reg(QueuedDescriptor(cfg))
    val headValid = Reg(Bool()) init False
    /** The memory's read port fetched this queue's oldest stored descriptor last cycle. */
    val loading = Reg(Bool()) init False
    /**
     * stored + headValid + loading, and whether that is the depth, kept in registers of their own:
     * `room` gates the posts into the write arbiter, so no adder or compare precedes it.
     */
    val occupancy = (Reg(UInt(countBits bits)) init 0).setName(s"occupancy_$d")
    val full = Reg(Bool()) init False
    val room = (!full).setName(s"room_$d")
    val out = io.inbound(d)
    out.valid := headValid
    out.payload.assignSomeByName(head)
    out.dst := d
    val popping = out.fire
    /** The head register is free for the next descriptor in this cycle. */
    val headFree = !headValid || popping
    io.queued(d) := occupancy
  }.setName(s"queue_$d")

  // Write side: one post per cycle, round-robin among senders whose destination has room.
  val writes = new RoundRobinArbiter(Descriptor(cfg), e)
  for (s <- 0 until e) {
    val room = Vec(queues.map(_.room))(io.post(s).dst.resize(log2Up(e)))
    writes.io.inputs(s) << io.post(s).continueWhen(room)
  }
  writes.io.output.ready := True
  val incoming = QueuedDescriptor(cfg)
  incoming.assignSomeByName(writes.io.output.payload)
  private val target = writes.io.output.dst.resize(log2Up(e))

  // Read side: one head refilled per cycle, round-robin among queues with a stored descriptor and a free head.
  val reads = new RoundRobinArbiter(NoData(), e)
  for ((q, d) <- queues.zipWithIndex) reads.io.inputs(d).valid := q.stored =/= 0 && !q.loading && q.headFree
  reads.io.output.ready := True
  private val readQueue = reads.io.chosen
  val readAddress = address(readQueue, Vec(queues.map(_.rdPtr))(readQueue))
  val fetched = mem.readSync(readAddress, reads.io.output.valid)

  private def next(ptr: UInt): UInt = if (isPow2(depth)) ptr + 1 else Mux(ptr === depth - 1, U(0, ptrBits bits), ptr + 1)

  val bypass = Vec(Bool(), e)
  for ((q, d) <- queues.zipWithIndex) {
    val posting = writes.io.output.valid && target === d
    // Straight to the head when nothing is stored or on its way, so the order is kept.
    bypass(d) := posting && q.stored === 0 && !q.loading && q.headFree
    val storing = posting && !bypass(d)
    val reading = reads.io.inputs(d).fire
    when(storing) { q.wrPtr := next(q.wrPtr) }
    when(reading) { q.rdPtr := next(q.rdPtr) }
    q.stored := q.stored + U(storing).resized - U(reading).resized
    // A fetch moves a descriptor within the queue; posts and pops change its occupancy.
    val up = posting && !q.popping
    val down = q.popping && !posting
    q.occupancy := Mux(up, q.occupancy + 1, Mux(down, q.occupancy - 1, q.occupancy))
    q.full := Mux(up, q.occupancy === depth - 1, Mux(down, False, q.full))
    q.loading := reading
    when(q.popping) { q.headValid := False }
    when(q.loading) {
      q.head := fetched
      q.headValid := True
    }
    when(bypass(d)) {
      q.head := incoming
      q.headValid := True
    }

    if (cfg.debugPorts()) {
      val pooled = Reg(UInt(countBits bits)) init 0
      pooled := pooled + U(posting && incoming.pooled).resized - U(q.popping && q.head.pooled).resized
      io.pooled(d) := pooled
    }
  }
  val writeAddress = address(target, Vec(queues.map(_.wrPtr))(target))
  val writing = writes.io.output.valid && !bypass.asBits.orR
  mem.write(writeAddress, incoming, writing)
}

object Indicator {
  def countBits(cfg: Config): Int = log2Up(cfg.queueDepth() + 1)

  /** A block with the Indicator's ports: the block itself, or (simulation) the block inside its checked harness. */
  trait Ports { def io: Io }

  case class Io(cfg: Config) extends Bundle {
    val post = Vec(slave(Stream(Descriptor(cfg))), cfg.endpoints())
    val inbound = Vec(master(Stream(Descriptor(cfg))), cfg.endpoints())
    val queued = out Vec (UInt(countBits(cfg) bits), cfg.endpoints())
    /** debugPorts: descriptors in each queue that reference a pool buffer. */
    val pooled = cfg.debugPorts() generate (out Vec (UInt(countBits(cfg) bits), cfg.endpoints()))
  }
}
