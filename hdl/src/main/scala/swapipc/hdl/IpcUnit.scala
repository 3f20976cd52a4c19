package swapipc.hdl

import spinal.core._
import spinal.lib._
import swapipc.model.{Config, ErrorKind, ReleasePolicy}

/**
 * The two-party top (claims 7-8, 12-13, 19-20): one pool shared by `endpoints` parties, each
 * with native valid/ready send and receive interfaces. Inside: the ControlArea (one allocate
 * port per Marshaler, one free port per CopyEngine), the SharedPool memory, the Indicator's
 * inbound queues, and per endpoint a Marshaler, CopyEngine, Unmarshaler and Detector.
 *
 * `inTransit` counts the buffers held anywhere in the message path; in every cycle
 * freeCount + inTransit = buffers, which the test benches check.
 */
class IpcUnit(cfg: Config) extends Component {
  private val e = cfg.endpoints()
  private val pool = cfg.withPorts(e)
  val io = new Bundle {
    val ep = Vec(slave(EndpointIo(pool)), e)
    val initDone = out Bool()
    val freeCount = out UInt (cfg.countBits() bits)
    val flags = out Bits (cfg.buffers() bits)
    val inTransit = out UInt (IpcUnit.inTransitBits(cfg) bits)
    val errClear = in Bool()
    val errFlags = out Bits (ErrorKind.values().length bits)
    val errCount = out UInt (ErrorKind.COUNT_BITS bits)
  }

  val control = new ControlArea(pool)
  val memory = new SharedPool(pool)
  val indicator = new Indicator(pool)
  val waitList = new WaitList(pool)
  val held = (cfg.releasePolicy() == ReleasePolicy.ON_RETURN) generate new HeldCalls(pool)

  control.io.reinit := False
  control.io.errClear := io.errClear

  val endpoints = for (k <- 0 until e) yield new Area {
    val pins = io.ep(k)
    val marshaler = new Marshaler(pool)
    val copier = new CopyEngine(pool)
    val unmarshaler = new Unmarshaler(pool)
    val detector = new Detector(pool)

    marshaler.io.self := k
    marshaler.io.cmd << pins.send
    marshaler.io.data << pins.sendData
    pins.sendRsp << marshaler.io.rsp
    control.io.alloc(k) <> marshaler.io.alloc
    memory.io.write(k) << marshaler.io.write
    indicator.io.post(k) << marshaler.io.post
    waitList.io.join(k) << marshaler.io.waitJoin
    marshaler.io.waitHead := waitList.io.head(k)
    waitList.io.leave(k) := marshaler.io.waitLeave
    pins.allocated << marshaler.io.allocated

    copier.io.desc << indicator.io.inbound(k)
    memory.io.read(k) << copier.io.read
    copier.io.readData << memory.io.readData(k)
    control.io.free(k) <> copier.io.free
    unmarshaler.io.temp << copier.io.temp
    unmarshaler.io.present << copier.io.present
    pins.freed << copier.io.freed
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
  }.setName(s"endpoint_$k")

  // A sender that is about to join the wait list already holds the others back.
  private val joining = endpoints.map(_.marshaler.io.joining).reduce(_ || _)
  for (ep <- endpoints) ep.marshaler.io.waitBusy := waitList.io.busy || joining

  private val width = IpcUnit.inTransitBits(cfg)
  private val counts = endpoints.flatMap(ep => Seq(U(ep.marshaler.io.holds).resize(width), U(ep.copier.io.holds).resize(width))) ++
    indicator.io.pooled.map(_.resize(width)) ++ (if (held != null) Seq(held.io.count.resize(width)) else Nil)
  io.inTransit := counts.reduce(_ + _)

  io.initDone := control.io.initDone
  io.freeCount := control.io.freeCount
  io.flags := control.io.flags
  io.errFlags := control.io.errFlags
  io.errCount := control.io.errCount
}

object IpcUnit {
  /** Wide enough for any one term of the in-transit sum and for a sum beyond n (a leak shows, it does not wrap). */
  def inTransitBits(cfg: Config): Int = (cfg.countBits() + 2) max log2Up(cfg.queueDepth() + 1)
}
