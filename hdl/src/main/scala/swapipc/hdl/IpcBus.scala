package swapipc.hdl

import spinal.core._
import spinal.lib._
import spinal.lib.bus.amba4.axilite._
import swapipc.model.{BusKind, Config, ErrorKind, OwnerKind, RegisterMap}

/**
 * The IpcUnit behind one bus slave per endpoint (`ep_<k>_...`: AXI4-Lite with the standard signal
 * names, APB3 or Wishbone): the port an access arrives on is the endpoint it acts as, so no
 * endpoint can act as another. Each port is a thin BusSlave over its own EndpointRegisters.
 * `irq(k)` is endpoint k's receive interrupt (a level). The unit's own status (initDone, freeCount,
 * flags, errFlags, errCount) is brought out too; with debugPorts, so are its observation ports, and
 * a tap of every IpcUnit port (`tap_<its name>`, and `tap_reset`): the test benches' passive
 * monitors read the endpoint pins the registers drive, as they read a bare IpcUnit's.
 */
class IpcBus(cfg: Config, kind: BusKind) extends Component {
  private val e = cfg.endpoints()
  private val addressBits = new RegisterMap(cfg).addressBits()
  private val debug = cfg.debugPorts()
  val io = new Bundle {
    val irq = out Bits (e bits)
    val initDone = out Bool()
    val freeCount = out UInt (cfg.countBits() bits)
    val flags = out Bits (cfg.buffers() bits)
    val errClear = in Bool()
    val errFlags = out Bits (ErrorKind.values().length bits)
    val errCount = out UInt (ErrorKind.COUNT_BITS bits)
    val inTransit = debug generate (out UInt (IpcUnit.inTransitBits(cfg) bits))
    val waiting = debug generate (out Bool())
    val owners = debug generate (out Bits (cfg.buffers() * (OwnerKind.BITS + cfg.endpointBits()) bits))
  }

  val unit = new IpcUnit(cfg)
  for (k <- 0 until e) {
    // Simulation builds check each wrapper against its formal properties (same ports).
    val wrapper = (if (debug) new _root_.swapipc.hdl.formal.BusSlaveProperties(cfg, kind, fromPorts = true) else BusSlave(kind, addressBits))
      .setName(s"bus_$k")
    val registers = EndpointRegisters.attach(cfg, unit, k)
    val port = slave(cloneOf(wrapper.bus)).setName(s"ep_$k")
    port match {
      case axi: AxiLite4 => AxiLite4SpecRenamer(axi)
      case _ =>
    }
    wrapper.bus <> port
    registers.io.bus <> wrapper.reg
    io.irq(k) := unit.io.ep(k).irq
    if (debug) {
      val pins = unit.io.ep(k)
      for ((name, flow) <- Seq("allocated" -> pins.allocated, "posted" -> pins.posted, "freed" -> pins.freed,
        "claimed" -> pins.claimed, "released" -> pins.released)) {
        master(cloneOf(flow)).setName(s"trace_${k}_$name") << flow
      }
    }
  }
  unit.io.errClear := io.errClear
  io.initDone := unit.io.initDone
  io.freeCount := unit.io.freeCount
  io.flags := unit.io.flags
  io.errFlags := unit.io.errFlags
  io.errCount := unit.io.errCount
  if (debug) {
    for (s <- unit.io.flatten) out(cloneOf(s)).setName(s"tap_${s.getName()}") := s
    out(Bool()).setName("tap_reset") := ClockDomain.current.isResetActive
    io.inTransit := unit.io.inTransit
    io.waiting := unit.io.waiting
    io.owners := unit.io.owners
  }
}
