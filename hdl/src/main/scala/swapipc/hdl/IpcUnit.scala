package swapipc.hdl

import spinal.core._
import spinal.lib._
import swapipc.model.{Config, ErrorKind, OwnerKind, ReleasePolicy}

/**
 * The two-party top (claims 7-8, 12-13, 19-20): one pool shared by `endpoints` parties, each
 * with native valid/ready send and receive interfaces and a BufferPort for its own access by
 * reference. Inside: the ControlArea (allocate ports: Marshalers, then one shared by the BufferPorts; free ports:
 * CopyEngines, then BufferPorts), the SharedPool memory, the OwnerTable, the Indicator's inbound
 * queues, and per endpoint a Marshaler, CopyEngine, Unmarshaler, Detector and BufferPort.
 *
 * errFlags/errCount latch the BufferPorts' refused commands; the message path's own requests
 * to the control area are valid by construction, and its flags are ORed in so a fault would show.
 *
 * With `kernel` (the three-party system's pools) the last endpoint is the kernel's: it keeps its
 * Marshaler, and its receive side is raw (`io.kernel`, a KernelSide): the KernelBroker takes the
 * descriptors posted to it and reads and frees their buffers itself, copying buffer to buffer.
 * It has no CopyEngine, temporary memory, Detector or BufferPort. `overflow`: the last buffers are
 * a second memory area (SharedPool).
 *
 * With debugPorts (the test benches' build) it also shows the owner table, `waiting`, per-endpoint
 * trace flows, and `inTransit`, the buffers held anywhere in the message path or claimed on a
 * BufferPort: in every cycle freeCount + inTransit = buffers, which the test benches check.
 */
class IpcUnit(cfg: Config, kernel: Boolean = false, overflow: Int = 0) extends Component {
  private val e = cfg.endpoints()
  /** Endpoints with the full EndpointIo: all, or all but the kernel's. */
  private val users = if (kernel) e - 1 else e
  require(!(kernel && cfg.zeroize()), "the kernel's raw side does not zeroize the buffers it frees")
  // Free ports: the message path's (one per endpoint), then the BufferPorts'.
  private val pool = cfg.withPorts(e + users)
  private val ownerBits = OwnerKind.BITS + cfg.endpointBits()
  private val debug = cfg.debugPorts()
  val io = new Bundle {
    val ep = Vec(slave(EndpointIo(pool)), users)
    val kernel = IpcUnit.this.kernel generate slave(KernelSide(pool))
    val initDone = out Bool()
    val freeCount = out UInt (cfg.countBits() bits)
    val flags = out Bits (cfg.buffers() bits)
    val inTransit = debug generate (out UInt (IpcUnit.inTransitBits(cfg) bits))
    /** Senders wait for a buffer (new sends and claims hold back): the pool is starved. */
    val waiting = debug generate (out Bool())
    /** OwnerTable entry i at bits [i * w, (i + 1) * w): kind (OwnerKind code), then the endpoint. */
    val owners = debug generate (out Bits (cfg.buffers() * ownerBits bits))
    val errClear = in Bool()
    val errFlags = out Bits (ErrorKind.values().length bits)
    val errCount = out UInt (ErrorKind.COUNT_BITS bits)
  }

  // Allocate ports 0..e-1: the Marshalers, each asking again only after taking its answer
  // (oneAtATime); port e: every BufferPort's CLAIM (AllocArbiter). CLAIMs and TAKEs give way to
  // senders waiting for a buffer.
  private val marshalerPorts = (0 until e).toSet
  // Simulation builds carry the control area's and the queues' formal properties as assertions
  // (same ports); a proof of a larger block (SystemProperties) takes them as proved.
  val control: Component with ControlArea.Ports =
    if (debug && !GenerationFlags.formal.isEnabled) new _root_.swapipc.hdl.formal.ControlAreaProperties(pool, fromPorts = true, yielding = Set(e), takers = users,
      allocPorts = e + 1, oneAtATime = marshalerPorts)
    else new ControlArea(pool, yielding = Set(e), takers = users, allocPorts = e + 1, oneAtATime = marshalerPorts)
  val claims = new AllocArbiter(pool, users)
  control.io.alloc(e) <> claims.io.output
  // Writers: Marshalers, BufferPorts, (zeroize) CopyEngines' scrubs; readers: the receive sides, BufferPorts.
  val memory = new SharedPool(pool, writers = e + users + (if (cfg.zeroize()) users else 0), readers = e + users, overflow)
  val ownerTable = new OwnerTable(pool, users)
  val errors = new ErrorStatus(users)
  val indicator: Component with Indicator.Ports =
    if (debug && !GenerationFlags.formal.isEnabled) new _root_.swapipc.hdl.formal.IndicatorProperties(pool, fromPorts = true)
    else new Indicator(pool)
  val waitList = new WaitList(pool)
  val held = (cfg.releasePolicy() == ReleasePolicy.ON_RETURN) generate new HeldCalls(pool)

  control.io.reinit := False
  control.io.errClear := io.errClear
  errors.io.clear := io.errClear
  // Nothing is taken before the control area is initialised and (zeroize) the pool is clear.
  private val ready = control.io.initDone && memory.io.ready

  val endpoints = for (k <- 0 until users) yield new Area {
    val pins = io.ep(k)
    val marshaler = new Marshaler(pool)
    val copier = new CopyEngine(pool)
    val unmarshaler = new Unmarshaler(pool)
    val detector = new Detector(pool)
    val bufferPort = new BufferPort(pool)

    sending(k, marshaler, pins.send, pins.sendData, pins.sendRsp)
    if (debug) {
      pins.allocated << marshaler.io.allocated
      pins.posted.valid := ownerTable.io.posted(k).valid
      pins.posted.payload := marshaler.io.post.index
    }

    copier.io.desc << indicator.io.inbound(k)
    memory.io.read(k) << copier.io.read
    copier.io.readData << memory.io.readData(k)
    if (cfg.zeroize()) memory.io.write(e + users + k) << copier.io.scrub
    control.io.free(k) <> copier.io.free
    ownerTable.io.freed(k) << copier.io.freed
    unmarshaler.io.temp << copier.io.temp
    unmarshaler.io.present << copier.io.present
    if (debug) pins.freed << copier.io.freed
    if (held != null) {
      held.io.hold(k) << copier.io.hold
      held.io.lookupCallee(k) := copier.io.lookupCallee
      held.io.lookupTag(k) := copier.io.lookupTag
      copier.io.found := held.io.found(k)
      copier.io.foundIndex := held.io.foundIndex(k)
      held.io.release(k) << copier.io.release
    }

    pins.recv << unmarshaler.io.recv
    unmarshaler.io.rdEn := pins.rdEn
    unmarshaler.io.rdAddr := pins.rdAddr
    pins.rdData := unmarshaler.io.rdData

    detector.io.queued := indicator.io.queued(k)
    detector.io.engineBusy := copier.io.busy
    detector.io.irqEnable := pins.irqEnable
    detector.io.irqThreshold := pins.irqThreshold
    pins.count := detector.io.count
    pins.notEmpty := detector.io.notEmpty
    pins.irq := detector.io.irq

    bufferPort.io.self := k
    bufferPort.io.cmd << pins.buffer.continueWhen(ready)
    pins.bufferRsp << bufferPort.io.rsp
    claims.io.inputs(k) <> bufferPort.io.alloc
    control.io.free(e + k) <> bufferPort.io.free
    control.io.take(k) <> bufferPort.io.take
    memory.io.write(e + k) << bufferPort.io.write
    memory.io.read(e + k) << bufferPort.io.read
    bufferPort.io.readData << memory.io.readData(e + k)
    bufferPort.io.owners := ownerTable.io.owners
    bufferPort.io.flags := control.io.flags
    ownerTable.io.claimed(k) << bufferPort.io.claimed
    ownerTable.io.freed(e + k) << bufferPort.io.released
    if (debug) {
      pins.claimed << bufferPort.io.claimed
      pins.released << bufferPort.io.released
    }
  }.setName(s"endpoint_$k")

  /** The kernel's endpoint: its Marshaler, and the raw receive side wired to the broker. */
  val kernelEndpoint = kernel generate new Area {
    private val k = e - 1
    private val side = io.kernel
    val marshaler = new Marshaler(pool)
    sending(k, marshaler, side.send, side.sendData, side.sendRsp)
    side.inbound << indicator.io.inbound(k)
    memory.io.read(k) << side.read
    side.readData << memory.io.readData(k)
    control.io.free(k) <> side.free
    ownerTable.io.freed(k) << side.freed
    if (held != null) {
      held.io.hold(k) << side.hold
      held.io.lookupCallee(k) := side.lookupCallee
      held.io.lookupTag(k) := side.lookupTag
      side.found := held.io.found(k)
      side.foundIndex := held.io.foundIndex(k)
      held.io.release(k) << side.release
    }
  }

  private val marshalers = endpoints.map(_.marshaler) ++ (if (kernel) Seq(kernelEndpoint.marshaler) else Nil)

  /** Endpoint k's Marshaler on the shared units, its commands from `send`. */
  private def sending(k: Int, marshaler: Marshaler, send: Stream[SendCmd], data: Stream[Bits], rsp: Stream[SendRsp]): Unit = {
    marshaler.io.self := k
    marshaler.io.cmd << send.continueWhen(ready)
    marshaler.io.data << data
    rsp << marshaler.io.rsp
    control.io.alloc(k) <> marshaler.io.alloc
    memory.io.write(k) << marshaler.io.write
    indicator.io.post(k) << marshaler.io.post
    waitList.io.join(k) << marshaler.io.waitJoin
    marshaler.io.waitHead := waitList.io.head(k)
    waitList.io.leave(k) := marshaler.io.waitLeave
    ownerTable.io.granted(k) << marshaler.io.allocated
    ownerTable.io.posted(k).valid := marshaler.io.post.fire && marshaler.io.post.pooled
    ownerTable.io.posted(k).index := marshaler.io.post.index
    ownerTable.io.posted(k).dst := marshaler.io.post.dst
  }

  for (kind <- ErrorKind.values()) errors.io.events(kind.bit()) := Cat(endpoints.map(_.bufferPort.io.error(kind.bit())))
  // A sender that is about to join the wait list already holds the others back.
  private val joining = marshalers.map(_.io.joining).reduce(_ || _)
  private val waiting = waitList.io.busy || joining
  control.io.yieldNow := waiting
  for (m <- marshalers) m.io.waitBusy := waiting
  for (ep <- endpoints) ep.bufferPort.io.waitBusy := waiting

  if (debug) {
    io.waiting := waiting
    val width = IpcUnit.inTransitBits(cfg)
    val counts = marshalers.map(m => U(m.io.holds).resize(width)) ++ endpoints.map(ep => U(ep.copier.io.holds).resize(width)) ++
      endpoints.map(_.bufferPort.io.holds.resize(width)) ++ (if (kernel) Seq(U(io.kernel.holds).resize(width)) else Nil) ++
      indicator.io.pooled.map(_.resize(width)) ++ (if (held != null) Seq(held.io.count.resize(width)) else Nil)
    io.inTransit := RegNext(counts.reduce(_ + _)) init 0 // one cycle late, as freeCount
    io.owners := Cat(ownerTable.io.owners.map(o => o.endpoint ## o.kind))
  }

  io.initDone := ready
  io.freeCount := control.io.freeCount
  io.flags := control.io.flags
  io.errFlags := errors.io.flags | control.io.errFlags
  io.errCount := errors.io.count
}

object IpcUnit {
  /** Wide enough for any one term of the in-transit sum and for a sum beyond n (a leak shows, it does not wrap). */
  def inTransitBits(cfg: Config): Int = (cfg.countBits() + 2) max log2Up(cfg.queueDepth() + 1)
}
