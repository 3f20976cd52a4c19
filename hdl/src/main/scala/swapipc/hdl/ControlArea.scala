package swapipc.hdl

import spinal.core._
import spinal.lib._
import swapipc.model.{Config, ErrorKind}

/**
 * The seed's control area as one block: FlagBank, Initializer, Allocator and Deallocator, with
 * plain valid/ready channels per requester port. Swap order on the FlagBank (see FlagBank):
 * initializer, free ports 0..P-1, allocate ports 0..P-1. Frees go first so that a free of a
 * buffer that is free (a double free) always sees a 1 and changes nothing, even when an allocate
 * port takes that buffer in the same cycle; LOWEST_FREE picks from the flags registered at the
 * start of the cycle, so a buffer freed in cycle t is allocatable from t+1.
 */
class ControlArea(cfg: Config) extends Component {
  val io = new Bundle {
    val alloc = Vec(slave(AllocChannel(cfg)), cfg.ports())
    val free = Vec(slave(FreeChannel(cfg)), cfg.ports())
    val reinit = in Bool()
    val initDone = out Bool()
    val count = out UInt (cfg.countBits() bits)
    val freeCount = out UInt (cfg.countBits() bits)
    val flags = out Bits (cfg.buffers() bits)
    val errClear = in Bool()
    val errFlags = out Bits (ErrorKind.values().length bits)
    val errCount = out UInt (ErrorKind.COUNT_BITS bits)
  }

  val bank = new FlagBank(cfg, setters = 1 + cfg.ports(), clearers = cfg.ports())
  val init = new Initializer(cfg)
  val allocator = new Allocator(cfg)
  val deallocator = new Deallocator(cfg)
  val errors = new ErrorStatus(cfg.ports())

  init.io.reinit := io.reinit
  bank.io.loadCount := init.io.loadCount
  bank.io.set(0) <> init.io.swap
  for (p <- 0 until cfg.ports()) {
    bank.io.set(1 + p) <> deallocator.io.swap(p)
    bank.io.clear(p) <> allocator.io.swap(p)
  }

  allocator.io.hold := init.io.busy
  if (allocator.io.flags != null) allocator.io.flags := bank.io.flags
  deallocator.io.hold := init.io.busy
  allocator.io.ports <> io.alloc
  deallocator.io.ports <> io.free

  errors.io.events(ErrorKind.SIZE.bit()) := allocator.io.sizeError.asBits
  errors.io.events(ErrorKind.INVALID_REF.bit()) := deallocator.io.invalidRef.asBits
  errors.io.events(ErrorKind.DOUBLE_FREE.bit()) := deallocator.io.doubleFree.asBits
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
