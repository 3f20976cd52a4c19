package swapipc.hdl.formal

import spinal.core._
import spinal.core.formal._
import spinal.lib._
import swapipc.hdl.formal.FormalHarness.formalCover
import spinal.lib.bus.amba3.apb.Apb3
import spinal.lib.bus.amba4.axilite.AxiLite4
import spinal.lib.bus.wishbone.Wishbone
import swapipc.hdl.{Apb3Slave, AxiLite4Slave, BusSlave, WishboneSlave}
import swapipc.model.{BusKind, Config, RegisterMap}

/**
 * Formal harness of one bus wrapper. The master and the register core are free (anyseq) except
 * for their own protocol: the master follows the bus's rules (assumed), and the core answers only
 * commands it took, in order, holding an answer until it is taken (assumed; at most two
 * outstanding). Asserted: the wrapper follows the bus's rules as a slave (handshake stability,
 * reset), hands each bus request to the core exactly once, and gives exactly one response per
 * request, never one without a request, and always the answer to that request.
 *
 * `fromPorts`: the same assertions in simulation (without the formal flag the assumptions are not
 * generated), with the wrapper's bus and RegBus as this block's own ports: an IpcBus simulation
 * build uses it in place of each wrapper, so the real masters and register cores meet them.
 */
class BusSlaveProperties(cfg: Config, kind: BusKind, fromPorts: Boolean = false) extends BusSlave {
  private val addressBits = new RegisterMap(cfg).addressBits()
  val dut = BusSlave(kind, addressBits)
  /** The wrapper's ports: this block's own (fromPorts), or the wrapper's, every input free. */
  val bus: Bundle with IMasterSlave = if (fromPorts) slave(cloneOf(dut.bus)) else dut.bus
  val reg: swapipc.hdl.RegBus = if (fromPorts) master(cloneOf(dut.reg)) else dut.reg
  if (fromPorts) {
    dut.bus <> bus
    reg <> dut.reg
  } else {
    dut.getAllIo.filter(_.isInput).foreach(anyseq(_))
  }
  assumeInitial(ClockDomain.current.isResetActive)
  private val reset = ClockDomain.current.isResetActive
  val started = RegNext(True) init False
  // Reset at the start only: properties are checked out of reset, so a reset later would let the
  // environment break its own rules unseen. (Stated outside the reset branch, where it applies.)
  val resetOnce = new ClockingArea(ClockDomain.current.withoutReset()) {
    when(started) { assume(!reset) }
  }

  // --- the register core: answers only what it took, in order, and holds an answer until taken ---
  val outstanding = Reg(UInt(2 bits)) init 0
  val writes = Vec.fill(2)(Reg(Bool()) init False)
  assume(outstanding < 2 || !reg.cmd.ready)
  when(reg.rsp.valid) {
    assume(outstanding =/= 0)
    assume(reg.rsp.write === writes(0))
  }
  when(started && past(reg.rsp.valid && !reg.rsp.ready && !reset)) {
    assume(reg.rsp.valid && reg.rsp.payload.asBits === past(reg.rsp.payload.asBits))
  }
  private val taken = reg.cmd.fire
  private val answered = reg.rsp.fire
  outstanding := outstanding + U(taken) - U(answered)
  private val base = Mux(answered, outstanding - 1, outstanding)
  when(answered) { writes(0) := writes(1) }
  when(taken) {
    assert(base <= 1, "the core takes a command only with a place for its answer")
    writes(base.resized) := reg.cmd.write
  }
  assert(outstanding <= 2)
  private val coreWrites = count("coreWrites", taken && reg.cmd.write)
  private val coreReads = count("coreReads", taken && !reg.cmd.write)
  private val writeAnswers = count("coreWriteAnswers", answered && reg.rsp.write)
  private val readAnswers = count("coreReadAnswers", answered && !reg.rsp.write)
  // The core model's own bookkeeping (what induction needs to know of it): its queue of write bits
  // holds, in order, the kinds of the commands it took and has not answered.
  private val writesInCore = coreWrites - writeAnswers
  private val pendingWrites = writesInCore.resize(2)
  assert(writesInCore <= 2 && (coreReads - readAnswers) <= 2 &&
    writesInCore + (coreReads - readAnswers) === outstanding.resized)
  when(outstanding === 1) { assert(pendingWrites === U(writes(0)).resized) }
  when(outstanding === 2) { assert(pendingWrites === (U(writes(0)).resize(2) + U(writes(1)).resize(2))) }

  kind match {
    case BusKind.AXI4_LITE => axi(dut.bus.asInstanceOf[AxiLite4])
    case BusKind.APB3 => apb(dut.bus.asInstanceOf[Apb3])
    case BusKind.WISHBONE => wishbone(dut.bus.asInstanceOf[Wishbone])
  }

  private def held[T <: Data](s: Stream[T]): Bool = started && past(s.valid && !s.ready && !reset)

  private def count(name: String, event: Bool): UInt = {
    val c = (Reg(UInt(4 bits)) init 0).setName(name)
    when(event) { c := c + 1 }
    c
  }

  private def axi(bus: AxiLite4): Unit = {
    // Master: a request stays offered, unchanged, until taken.
    for (s <- Seq(bus.aw, bus.w, bus.ar)) when(held(s)) { assume(s.valid && s.payload.asBits === past(s.payload.asBits)) }
    // Slave: a response stays, unchanged, until taken; none in or just after reset.
    for (s <- Seq(bus.b, bus.r)) when(held(s)) { assert(s.valid && s.payload.asBits === past(s.payload.asBits), "a response holds until taken") }
    when(started && past(reset)) { assert(!bus.b.valid && !bus.r.valid, "no response right after reset") }
    // The read/write arbiter remembers exactly one last winner; two would take a read and a write at once.
    assert(FormalHarness.roundRobin(dut.asInstanceOf[AxiLite4Slave].arbiter).wellFormed, "the arbiter has one last winner, and its order")
    val aw = count("awTaken", bus.aw.fire)
    val w = count("wTaken", bus.w.fire)
    val ar = count("arTaken", bus.ar.fire)
    val b = count("bGiven", bus.b.fire)
    val r = count("rGiven", bus.r.fire)
    // Each write reaches the core once, no earlier than the cycle its AW and W are both taken (a skid
    // buffer passes a request straight through when empty); each read likewise after its AR. A request
    // not yet with the core waits in its skid buffer, which then holds the channel's ready low.
    assert((aw - coreWrites) === U(!bus.aw.ready).resized && (w - coreWrites) === U(!bus.w.ready).resized,
      "every write taken is handed to the core exactly once")
    assert((ar - coreReads) === U(!bus.ar.ready).resized, "every read taken is handed to the core exactly once")
    when(taken && reg.cmd.write) {
      assert(aw + U(bus.aw.fire) =/= coreWrites && w + U(bus.w.fire) =/= coreWrites, "a write reaches the core only with its AW and W")
    }
    when(taken && !reg.cmd.write) { assert(ar + U(bus.ar.fire) =/= coreReads, "a read reaches the core only with its AR") }
    // Each response is the core's answer to that request, in order: never one without a request.
    assert((writeAnswers - b) === U(bus.b.valid).resized && (readAnswers - r) === U(bus.r.valid).resized,
      "every core answer becomes exactly one response")
    formalCover(bus.b.fire && started && past(bus.b.fire) && bus.r.fire)
  }

  private def apb(bus: Apb3): Unit = {
    val sel = bus.PSEL(0)
    val request = bus.PADDR ## bus.PWRITE ## bus.PWDATA
    // Master: setup then access; the request is stable from setup until PREADY; a new setup after.
    when(!sel) { assume(!bus.PENABLE) }
    when(started && sel && bus.PENABLE) { assume(past(sel && !reset)) }
    when(started && past(sel && !bus.PENABLE && !reset)) { assume(sel && bus.PENABLE && request === past(request)) }
    when(started && past(sel && bus.PENABLE && !bus.PREADY && !reset)) { assume(sel && bus.PENABLE && request === past(request)) }
    when(started && past(sel && bus.PENABLE && bus.PREADY)) { assume(!bus.PENABLE) }
    // Slave: the transfer reaches the core once, and PREADY in the access phase answers it.
    val handed = (Reg(Bool()) init False).setName("handed")
    assert(handed === dut.asInstanceOf[Apb3Slave].issued.pull() && outstanding === U(handed).resized, "the wrapper knows what the core has")
    when(handed) { assert(sel, "the core holds only the transfer under way") }
    val heldRequest = RegNextWhen(request, taken).setName("heldRequest")
    when(handed) { assert(request === heldRequest && writes(0) === bus.PWRITE, "the core holds this transfer's request") }
    when(taken) {
      assert(sel, "nothing reaches the core outside a transfer")
      assert(!handed, "a transfer reaches the core once")
      assert(reg.cmd.address === bus.PADDR && reg.cmd.write === bus.PWRITE && reg.cmd.data === bus.PWDATA, "the core gets the request")
      handed := True
    }
    val completes = sel && bus.PENABLE && bus.PREADY
    when(started && past(reset)) { assert(!completes, "no answer right after reset") }
    when(completes) {
      assert(handed, "PREADY only for a transfer the core has")
      assert(answered && reg.rsp.write === bus.PWRITE, "PREADY carries the core's answer to this transfer")
      assert(bus.PSLVERROR === reg.rsp.error && (bus.PWRITE || bus.PRDATA === reg.rsp.data), "the answer's data and error")
      handed := False
    }
    when(answered) { assert(completes, "an answer is consumed only by completing its transfer") }
    formalCover(completes && started && past(completes, 2))
  }

  private def wishbone(bus: Wishbone): Unit = {
    val active = bus.CYC && bus.STB
    val request = bus.ADR ## bus.WE ## bus.DAT_MOSI ## bus.SEL
    val done = bus.ACK || bus.ERR
    // Master: an access stays, unchanged, until ACK or ERR, unless abandoned.
    when(started && past(active && !done && !reset) && active) { assume(request === past(request)) }
    // Slave: one answer per access, only while it is up, and it is the core's answer to it.
    assert(!(bus.ACK && bus.ERR), "never ACK and ERR together")
    when(done) { assert(active, "ACK/ERR only during an access") }
    when(started && past(reset)) { assert(!done, "no answer right after reset") }
    val handed = (Reg(Bool()) init False).setName("handed")
    val abandoned = (Reg(Bool()) init False).setName("abandoned")
    val wrapper = dut.asInstanceOf[WishboneSlave]
    assert(handed === wrapper.issued.pull() && abandoned === wrapper.stale.pull() && outstanding === U(handed).resized,
      "the wrapper knows what the core has")
    when(abandoned) { assert(handed, "only an access the core has can be abandoned") }
    val heldRequest = RegNextWhen(request, taken).setName("heldRequest")
    when(handed && !abandoned && active) { assert(request === heldRequest && writes(0) === bus.WE, "the core holds this access's request") }
    when(taken) {
      assert(active && !handed && !abandoned, "an access reaches the core once, after any abandoned one is answered")
      assert(reg.cmd.write === bus.WE, "the core gets the request")
      handed := True
    }
    when(handed && !active) { abandoned := True }
    when(done) {
      assert(handed && !abandoned, "ACK/ERR only for this access, once the core has it")
      assert(answered && reg.rsp.write === bus.WE && bus.ERR === reg.rsp.error, "ACK/ERR is the core's answer to this access")
    }
    when(answered) {
      handed := False
      abandoned := False
    }
    formalCover(done && started && past(done, 2))
  }
}
