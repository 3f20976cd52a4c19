package swapipc.hdl

import spinal.core._
import spinal.lib._
import swapipc.model.{Config, ErrorKind}

/**
 * The seed's control area as one block: FlagBank, Initializer, Allocator and Deallocator, with
 * plain valid/ready channels per requester port, each in two stages (request taken in t, decided
 * in t+1, answered from t+2). Swap order on the FlagBank (see FlagBank): free ports 0..P-1, then
 * allocate ports 0..P-1; the initializer's walk runs alone. Frees go first so that a free of a
 * buffer that is free (a double free) always sees a 1 and changes nothing, even when an allocate
 * port takes that buffer in the same cycle; LOWEST_FREE picks from the flags registered at the
 * start of the decision cycle, so a buffer freed in cycle t is allocatable from t+1. The
 * `takers` (per-flag takes, one FlagTaker) swap last, after every allocate port. There may be
 * fewer allocate ports than free ports (`allocPorts`; the IpcUnit's BufferPorts share one).
 * `oneAtATime` allocate ports take a request only once the last answer is taken (see Allocator).
 */
class ControlArea(cfg: Config, yielding: Set[Int] = Set.empty, takers: Int = 0, allocPorts: Int = 0, oneAtATime: Set[Int] = Set.empty)
  extends Component with ControlArea.Ports {
  /** Allocate ports (by default as many as free ports: cfg.ports). */
  private val allocs = ControlArea.allocs(cfg, allocPorts)
  val io = ControlArea.Io(cfg, allocs, takers, yielding.nonEmpty || takers > 0)

  val bank = new FlagBank(cfg, setters = cfg.ports(), clearers = allocs + (if (takers > 0) 1 else 0))
  val init = new Initializer(cfg)
  val allocator = new Allocator(cfg.withPorts(allocs), yielding, oneAtATime)
  val deallocator = new Deallocator(cfg)
  private val sources = allocs max cfg.ports()
  val errors = new ErrorStatus(sources)

  init.io.reinit := io.reinit
  bank.io.loadCount := init.io.loadCount
  bank.io.walk <> init.io.swap
  for (p <- 0 until cfg.ports()) bank.io.set(p) <> deallocator.io.swap(p)
  for (p <- 0 until allocs) bank.io.clear(p) <> allocator.io.swap(p)

  val taker = (takers > 0) generate new FlagTaker(cfg, takers)
  if (takers > 0) {
    for (t <- 0 until takers) taker.io.take(t) <> io.take(t)
    bank.io.clear(allocs) <> taker.io.swap
    taker.io.hold := init.io.busy
    taker.io.yieldNow := io.yieldNow
  }

  allocator.io.hold := init.io.busy
  allocator.io.holdNext := init.io.busyNext
  if (yielding.nonEmpty) allocator.io.yieldNow := io.yieldNow
  if (allocator.io.next != null) allocator.io.next := bank.io.next
  deallocator.io.hold := init.io.busy
  deallocator.io.holdNext := init.io.busyNext
  allocator.io.ports <> io.alloc
  deallocator.io.ports <> io.free

  errors.io.events(ErrorKind.SIZE.bit()) := allocator.io.sizeError.asBits.resized
  errors.io.events(ErrorKind.INVALID_REF.bit()) := deallocator.io.invalidRef.asBits.resized
  errors.io.events(ErrorKind.DOUBLE_FREE.bit()) := deallocator.io.doubleFree.asBits.resized
  // Ownership is the IpcUnit's (BufferPort); the bare control area has no owners to check.
  errors.io.events(ErrorKind.FOREIGN.bit()) := 0
  errors.io.events(ErrorKind.OUT_OF_RANGE.bit()) := 0
  errors.io.clear := io.errClear

  io.initDone := !init.io.busy
  io.count := bank.io.count
  io.freeCount := bank.io.freeCount
  io.flags := bank.io.flags
  io.errFlags := errors.io.flags
  io.errCount := errors.io.count
}

object ControlArea {
  def allocs(cfg: Config, allocPorts: Int): Int = if (allocPorts > 0) allocPorts else cfg.ports()

  /** A block with the ControlArea's ports: the block itself, or (simulation) the block inside its checked harness. */
  trait Ports { def io: Io }

  case class Io(cfg: Config, allocs: Int, takers: Int, yields: Boolean) extends Bundle {
    val alloc = Vec(slave(AllocChannel(cfg)), allocs)
    val free = Vec(slave(FreeChannel(cfg)), cfg.ports())
    /** Per-flag takes (one FlagTaker for all): swapped after the allocate ports, held back while `yieldNow`. */
    val take = Vec(slave(TakeChannel(cfg)), takers)
    val reinit = in Bool()
    val initDone = out Bool()
    val count = out UInt (cfg.countBits() bits)
    val freeCount = out UInt (cfg.countBits() bits)
    val flags = out Bits (cfg.buffers() bits)
    val errClear = in Bool()
    val errFlags = out Bits (ErrorKind.values().length bits)
    val errCount = out UInt (ErrorKind.COUNT_BITS bits)
    /** The `yielding` allocate ports are answered NONE while this is high in their decision cycle (see Allocator). */
    val yieldNow = yields generate (in Bool())
  }
}
