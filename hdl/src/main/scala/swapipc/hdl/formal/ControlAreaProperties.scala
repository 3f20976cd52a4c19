package swapipc.hdl.formal

import spinal.core._
import spinal.core.formal._
import spinal.lib._
import swapipc.hdl.formal.FormalHarness.formalCover
import swapipc.hdl.{Allocator, ControlArea}
import swapipc.model.{AllocPolicy, AllocStatus, Config, ErrorKind, FreeStatus}

import scala.collection.mutable.ArrayBuffer

/**
 * Formal harness of ControlArea: every input is free (anyseq) in every cycle, and the
 * properties below must hold on every trace. A shadow `owned` vector records which buffers
 * the block has granted and not yet taken back, from its answers alone; the flags must always be
 * its complement, which proves no buffer is granted twice, none is freed twice or lost, and
 * refused requests change nothing.
 *
 * `fromPorts`: the same properties as simulation assertions (generated without FORMAL, each
 * failing one prints FAILURE and executes $finish), with the ControlArea's ports as this block's
 * ports under their own names: the lockstep bench drives it as it drives the bare block, and the
 * IpcUnit's simulation builds use it in place of their ControlArea. That one has `yielding`
 * allocate ports (a NONE while yieldNow is not a missed buffer), `takers` (a won take is a grant
 * in the shadow) and fewer allocate than free ports (`allocPorts`).
 */
class ControlAreaProperties(cfg: Config, fromPorts: Boolean = false, yielding: Set[Int] = Set.empty, takers: Int = 0, allocPorts: Int = 0,
                            oneAtATime: Set[Int] = Set.empty)
  extends Component with ControlArea.Ports {
  private val n = cfg.buffers()
  val dut = new ControlArea(cfg, yielding, takers, allocPorts, oneAtATime)
  /** The ports judged: this block's own (fromPorts), or the ControlArea's, every input free. */
  val io: ControlArea.Io = if (fromPorts) ControlArea.Io(cfg, dut.io.alloc.size, takers, dut.io.yieldNow != null) else dut.io
  if (fromPorts) dut.io <> io else for (s <- io.flatten if s.isInput) anyseq(s)
  assumeInitial(ClockDomain.current.isResetActive)

  /** False in the first cycle after reset, so past() only looks at cycles after reset. */
  val started = RegNext(True) init False

  private def newAnswer(valid: Bool, ready: Bool): Bool =
    valid && !(past(valid) && !past(ready)) && started

  /** The reference decoder the answers are judged against, stated independently of the RTL's: aligned, at or above the base, below its bound. */
  private def isBuffer(ref: UInt): Bool =
    ref >= U(cfg.poolBase(), cfg.dataWidth() bits) && ref(cfg.offsetBits() - 1 downto 0) === 0 &&
      (ref - U(cfg.poolBase(), cfg.dataWidth() bits)) < U(cfg.buffers().toLong * cfg.bufferBytes(), cfg.dataWidth() bits)

  /** (ref - poolBase) / bufferBytes, modulo the index range: poolBase is a multiple of bufferBytes, so the offset bits never borrow. */
  private def indexOf(ref: UInt): UInt = {
    val (off, bits) = (cfg.offsetBits(), cfg.indexBits())
    ref(off + bits - 1 downto off) - U((cfg.poolBase() >> off) & ((1L << bits) - 1), bits bits)
  }

  /** Bit `index` of a per-buffer vector: a one-buffer pool has a 1-bit index, but its 1-bit vectors take a 0-bit one. */
  private def bit(v: Bits, index: UInt): Bool = if (n == 1) v(0) else v(index)

  private def answered(rsp: Stream[_ <: Data], status: UInt, code: Int): Bool =
    newAnswer(rsp.valid, rsp.ready) && status === code

  /** Whether allocate port p was told to give way in the cycle before (its answer then is NONE by design). */
  private def yieldedBefore(p: Int): Bool = if (yielding.contains(p)) past(io.yieldNow) else False

  /** Per answer cycle, from the ports' answers: (port, fresh OK, its buffer index), for the checks across ports. */
  private val grants = ArrayBuffer[(Int, Bool, UInt)]()
  private val frees = ArrayBuffer[(Int, Bool, UInt)]()

  // Shadow of the buffers granted and not returned, updated in the block's swap order (frees, then allocations),
  // from each answer's first cycle (its decision was in the cycle before, its request earlier).
  val owned = Reg(Bits(n bits)) init 0
  /** The Fig. 8 walk is under way (the Initializer's busy: every requester is held off). */
  private val walking = dut.init.busy.pull()
  private var now = owned
  for ((c, p) <- io.free.zipWithIndex) {
    // A request waits taken-but-undecided with no other taken (ready is low until it is decided),
    // so the reference of an answer seen now is the one held in the cycle of its decision.
    val takenRef = RegNextWhen(c.req.ref, c.req.fire).setName(s"takenRef_$p")
    val freedRef = past(takenRef)
    // Induction strengthening: what the port holds undecided is the reference last taken, decoded.
    val lane = dut.deallocator.lanes(p)
    val pending = lane.pending.pull()
    when(started) { assert(lane.armed.pull() === (pending && !walking), s"free port $p's armed is pending and not held") }
    when(started && pending) {
      val valid = isBuffer(takenRef)
      assert(lane.validRef.pull() === valid, s"port $p decoded its reference's validity")
      when(valid) { assert(lane.buffer.pull() === UIntToOh(indexOf(takenRef), n), s"port $p decoded its reference's buffer") }
    }
    val fresh = newAnswer(c.rsp.valid, c.rsp.ready)
    val freed = (fresh && c.rsp.status === FreeStatus.OK.code()).setName(s"freed_$p")
    frees += ((p, freed, indexOf(freedRef)))
    val oh = UIntToOh(indexOf(freedRef), n) & B(n bits, default -> freed)
    when(freed && io.initDone && past(io.initDone)) {
      assert((now & oh) === oh, s"port $p freed a buffer that was not allocated")
    }
    // Every free answer is the one the independent decoder and the shadow call for: not a buffer
    // start => INVALID_REF; a buffer not held => DOUBLE_FREE; a held one => OK.
    when(fresh && io.initDone && past(io.initDone)) {
      val held = (now & UIntToOh(indexOf(freedRef), n)).orR
      val expected = Mux(!isBuffer(freedRef), U(FreeStatus.INVALID_REF.code(), FreeStatus.BITS bits),
        Mux(held, U(FreeStatus.OK.code(), FreeStatus.BITS bits), U(FreeStatus.DOUBLE_FREE.code(), FreeStatus.BITS bits)))
      assert(c.rsp.status === expected, s"port $p answered the free its reference and the shadow call for")
    }
    now = (now & ~oh).setName(s"owned_after_free_$p")
  }
  for ((c, p) <- io.alloc.zipWithIndex) {
    // A port takes no request while one is pending or walking, so an answer's size is the one last taken.
    val takenBytes = RegNextWhen(c.req.bytes, c.req.fire).setName(s"takenBytes_$p")
    val fits = past(takenBytes) <= cfg.bufferBytes()
    when(newAnswer(c.rsp.valid, c.rsp.ready)) {
      assert((c.rsp.status === AllocStatus.ERROR.code()) === !fits, s"port $p answers ERROR exactly for an oversize request")
    }
    when(started && c.rsp.valid && c.rsp.status =/= AllocStatus.OK.code()) {
      assert(c.rsp.index === 0 && c.rsp.ref === 0, s"port $p's refusal carries index 0 and ref 0")
    }
    // Induction strengthening: the pending request's size compare is the size last taken.
    val allocLane = dut.allocator.lanes(p)
    when(started && allocLane.pending.pull()) {
      assert(allocLane.fits.pull() === (takenBytes <= cfg.bufferBytes()), s"port $p compared the size it took")
    }
    when(started) {
      val armed = allocLane.pending.pull() && !walking
      assert(allocLane.armed.pull() === armed, s"allocate port $p's armed is pending and not held")
      if (allocLane.armedFits != null) {
        assert(allocLane.armedFits.pull() === (armed && allocLane.fits.pull()), s"allocate port $p's armedFits is armed and fits")
      }
    }
    if (cfg.allocPolicy() == AllocPolicy.SCAN) {
      when(started && allocLane.scanning.pull()) { assert(takenBytes <= cfg.bufferBytes(), s"port $p walks only for a request that fits") }
    }
    val granted = (newAnswer(c.rsp.valid, c.rsp.ready) && c.rsp.status === AllocStatus.OK.code()).setName(s"granted_$p")
    grants += ((p, granted, c.rsp.index))
    val oh = UIntToOh(c.rsp.index, n) & B(n bits, default -> granted)
    when(granted && io.initDone && past(io.initDone)) {
      assert((now & oh) === 0, s"port $p was granted a buffer that is already allocated")
      assert(c.rsp.ref === U(cfg.poolBase(), cfg.dataWidth() bits) + (c.rsp.index.resize(cfg.dataWidth()) |<< cfg.offsetBits()))
    }
    now = (now | oh).setName(s"owned_after_alloc_$p")
  }
  // A take that won (answered true) took its buffer as a grant does, after every allocate port.
  for ((c, t) <- io.take.zipWithIndex) {
    val takenIndex = RegNextWhen(c.req.payload, c.req.fire).setName(s"takenIndex_$t")
    val took = (newAnswer(c.rsp.valid, c.rsp.ready) && c.rsp.payload).setName(s"took_$t")
    val oh = UIntToOh(takenIndex, n) & B(n bits, default -> took)
    when(took && io.initDone && past(io.initDone)) { assert((now & oh) === 0, s"take $t won a buffer that is already allocated") }
    now = (now | oh).setName(s"owned_after_take_$t")
  }
  // The Fig. 8 walk frees everything: what was granted before a reinit is reclaimed.
  owned := Mux(io.initDone, now, B(0, n bits))

  // Induction strengthening: the Fig. 8 walk has already freed every flag below its index.
  private val walkIndex = dut.init.index.pull()
  for (i <- 0 until n - 1) when(walking && walkIndex > i) { assert(io.flags(i), "the walk freed every flag below its index") }

  when(started && io.initDone && past(io.initDone)) {
    assert(io.flags === ~now, "flags are the complement of the granted buffers")
  }
  /** The flags free in the cycle before. */
  val freeBefore = past(CountOne(io.flags).resize(cfg.countBits()))
  when(started) { assert(io.freeCount === freeBefore, "free + allocated = n (freeCount one cycle late)") }
  when(io.initDone) { assert(io.count === n) }

  // Induction strengthening: the LOWEST_FREE candidates are the lowest free flags.
  if (cfg.allocPolicy() == AllocPolicy.LOWEST_FREE) {
    val lowest = Allocator.lowest(io.flags, io.alloc.size)
    for ((c, j) <- dut.allocator.candidates.zipWithIndex) {
      assert(c.pull() === lowest(j), s"candidate $j is the flag with $j free flags below it")
    }
  }

  // Answers arrive: LOWEST_FREE two cycles after the request when the answer slot is free, OK
  // whenever enough buffers were free in the decision cycle; SCAN within n + 1 cycles.
  cfg.allocPolicy() match {
    case AllocPolicy.LOWEST_FREE =>
      var claimed = U(0, log2Up(cfg.ports() + 1) bits)
      for ((c, p) <- io.alloc.zipWithIndex) {
        val startedLong = RegNext(started) init False
        when(startedLong && past(past(c.req.fire)) && past(io.initDone && (!c.rsp.valid || c.rsp.ready))) {
          assert(c.rsp.valid, s"port $p answered two cycles after its request")
        }
        // A fresh answer other than ERROR was decided last cycle against the flags of that cycle.
        val fresh = newAnswer(c.rsp.valid, c.rsp.ready) && c.rsp.status =/= AllocStatus.ERROR.code()
        val w = freeBefore.getWidth max claimed.getWidth
        when(fresh && startedLong && freeBefore.resize(w) > claimed.resize(w) && !yieldedBefore(p)) {
          assert(c.rsp.status === AllocStatus.OK.code(), s"port $p got no buffer although one was free")
        }
        claimed = claimed + fresh.asUInt.resized
      }
    case AllocPolicy.SCAN =>
      for ((c, p) <- io.alloc.zipWithIndex) {
        // Cycles since the request, not counting those the initializer holds the walk (a reinit pauses it).
        val waiting = (Reg(UInt(log2Up(n + 2) bits)) init 0).setName(s"waiting_$p")
        when(c.req.fire) {
          waiting := 1
        } elsewhen (c.rsp.valid || waiting === 0) {
          waiting := 0
        } elsewhen (io.initDone) {
          waiting := waiting + 1
        }
        assert(waiting <= n + 1, s"port $p waited more than n + 1 cycles for an answer")
        // The walk judged by time alone: in the w-th cycle of a request that fits (w = 1: its
        // decision) the port swaps flag w - 1. A flag it meets free goes to some port (itself, or a
        // port ahead of it in swap order), so NONE means every swap of its walk returned 0; and
        // NONE comes only after the last flag's swap.
        val fitsTaken = RegNextWhen(c.req.bytes, c.req.fire) <= cfg.bufferBytes()
        val position = (waiting - 1).resize(cfg.indexBits())
        val yieldsNow = if (yielding.contains(p)) io.yieldNow else False
        val step = started && io.initDone && !c.rsp.valid && waiting =/= 0 && waiting <= n && fitsTaken && !yieldsNow
        val metFree = past(step && bit(io.flags, position)).setName(s"metFree_$p")
        val metAt = past(position)
        when(started && metFree) {
          assert(grants.map { case (_, g, index) => g && index === metAt }.reduce(_ || _), s"a free flag port $p's walk met was granted")
        }
        when(answered(c.rsp, c.rsp.status, AllocStatus.NONE.code()) && !yieldedBefore(p)) {
          assert(waiting === n + 1, s"port $p answered NONE only after swapping the last flag")
        }
        formalCover(io.reinit && io.initDone && waiting > 1 && !c.rsp.valid) // a reinit meets a walk under way
        // Induction strengthening: while a walk is under way, its position is the time waited.
        val lane = dut.allocator.lanes(p)
        val scanning = lane.scanning.pull()
        val scanIndex = lane.scanIndex.pull()
        val pending = lane.pending.pull()
        assert(!(pending && scanning), s"port $p takes a request only when it does not walk")
        when(scanning) {
          // Flag 0 is swapped in the decision cycle, the one after the request, so a walk under way is past it.
          assert(scanIndex =/= 0 && scanIndex.resize(cfg.indexBits() + 1) < n && waiting === (scanIndex +^ 1).resized,
            s"port $p's walk position is its waiting time")
          assert(!c.rsp.valid, s"port $p walks only with an empty answer slot")
        } elsewhen (pending) {
          assert(waiting === 1 && !c.rsp.valid, s"port $p decides the cycle after it took a request with its slot free")
        } elsewhen (!c.rsp.valid) {
          assert(waiting === 0, s"port $p waits only while it walks or holds an answer")
        }
      }
  }

  // Order-independent, against the shadow before this cycle's answers: a buffer granted and freed
  // OK in one answer cycle was held (the free gives it back and the grant takes it), so a double
  // free that meets a grant is never answered OK whatever the swap order. LOWEST_FREE picks from
  // the flags at the start of the decision cycle, so there the two never meet; a SCAN swap sees
  // the frees of its own cycle.
  for ((a, granted, index) <- grants; (f, freed, freedIndex) <- frees) {
    val meet = granted && freed && index === freedIndex
    if (cfg.allocPolicy() == AllocPolicy.LOWEST_FREE) assert(!meet, s"allocate port $a and free port $f answered OK for one buffer at once")
    else when(meet && io.initDone && past(io.initDone)) { assert(bit(owned, index), s"allocate port $a took the buffer free port $f gave back") }
  }

  // Answers are stable while held: an answer not taken is offered again, unchanged.
  private def held[T <: Data](rsp: Stream[T], what: String): Unit = {
    val waited = past(rsp.valid && !rsp.ready)
    val before = past(rsp.payload.asBits)
    when(started && waited) { assert(rsp.valid && rsp.payload.asBits === before, s"$what answer held until taken") }
  }
  for ((c, p) <- io.alloc.zipWithIndex) held(c.rsp, s"allocate port $p's")
  for ((c, p) <- io.free.zipWithIndex) held(c.rsp, s"free port $p's")

  // The error status judged from the answers: an error answer first offered in t was decided in
  // t - 1; its bit is set and it is counted from t + 1, whatever errClear does in t (an error
  // decided before a clear is kept). Bits are set by nothing else, and the count saturates.
  private def errorAnswers(kind: ErrorKind): scala.collection.Seq[Bool] = kind match {
    case ErrorKind.SIZE => io.alloc.map(c => answered(c.rsp, c.rsp.status, AllocStatus.ERROR.code()))
    case ErrorKind.INVALID_REF => io.free.map(c => answered(c.rsp, c.rsp.status, FreeStatus.INVALID_REF.code()))
    case ErrorKind.DOUBLE_FREE => io.free.map(c => answered(c.rsp, c.rsp.status, FreeStatus.DOUBLE_FREE.code()))
    case _ => Seq(False) // FOREIGN and OUT_OF_RANGE are the IpcUnit's BufferPort checks
  }
  private val countBits = ErrorKind.COUNT_BITS
  private var errorsNow = U(0, countBits bits)
  for (kind <- ErrorKind.values()) {
    val now = errorAnswers(kind)
    errorsNow = now.foldLeft(errorsNow)((sum, e) => sum + e.asUInt.resize(countBits))
    val seen = past(now.reduce(_ || _)).setName(s"seen_${kind.name()}")
    val bit = io.errFlags(kind.bit())
    val kept = past(bit && !io.errClear)
    when(started) {
      assert(!seen || bit, s"every ${kind.name()} answer sets its errFlags bit")
      assert(!bit || kept || seen, s"errFlags bit ${kind.name()} is set only by a ${kind.name()} answer")
    }
  }
  private val base = Mux(past(io.errClear), U(0, countBits bits), past(io.errCount))
  private val total = base +^ past(errorsNow)
  when(started) {
    assert(io.errCount === Mux(total > ErrorKind.COUNT_MAX, U(ErrorKind.COUNT_MAX, countBits bits), total.resize(countBits)),
      "errCount counts every error answer, saturating, and restarts from 0 after errClear")
  }

  formalCover(io.initDone && io.flags === 0) // the pool can be exhausted
  formalCover(io.initDone && past(io.flags === 0) && io.flags =/= 0) // and given back
  // Every answer kind, on some port.
  for (s <- AllocStatus.values()) formalCover(io.alloc.map(c => answered(c.rsp, c.rsp.status, s.code())).reduce(_ || _))
  for (s <- FreeStatus.values()) formalCover(io.free.map(c => answered(c.rsp, c.rsp.status, s.code())).reduce(_ || _))
  if (grants.size > 1) formalCover(grants(0)._2 && grants(1)._2) // two grants in one cycle
  // A double free meets a grant of the same buffer in one decision cycle (refused, the grant stands) ...
  private lazy val doubleFreed = io.free.map(c => answered(c.rsp, c.rsp.status, FreeStatus.DOUBLE_FREE.code()))
  formalCover(grants.flatMap { case (_, g, index) => frees.zip(doubleFreed).map { case ((_, _, at), d) => g && d && index === at } }
    .reduce(_ || _))
  // ... and a buffer freed in t is granted in t + 1.
  formalCover(grants.flatMap { case (_, g, index) => frees.map { case (_, f, at) => g && past(f) && past(at) === index } }.reduce(_ || _))
  formalCover(io.reinit && io.initDone && owned =/= 0) // a reinit while buffers are held
}
