package swapipc.hdl.board

import spinal.core._
import spinal.lib._
import swapipc.hdl.{EndpointRegisters, IpcUnit}
import swapipc.model.Config

/**
 * What a board runs, without its clocking: the IpcUnit, one register core per endpoint, and the
 * UART bridge as the only bus master, steering each access to the core its frame names. LEDs
 * (active high here): 0 initDone, 1 any errFlags bit, 2 + k endpoint k's irq. The simulated
 * board is this module at the board's own baud divisor.
 */
class BoardCore(cfg: Config, divisor: Int, clockHz: Int) extends Component {
  private val e = cfg.endpoints()
  val io = new Bundle {
    val rxd = in Bool()
    val txd = out Bool()
    val led = out Bits (2 + e bits)
  }

  val unit = new IpcUnit(cfg)
  val bridge = new UartBridge(cfg, divisor, clockHz)
  bridge.io.rxd := io.rxd
  io.txd := bridge.io.txd
  val registers = (0 until e).map(k => EndpointRegisters.attach(cfg, unit, k))

  private val host = bridge.io.reg
  private val selected = bridge.io.endpoint
  for ((r, k) <- registers.zipWithIndex) {
    r.io.bus.cmd.valid := host.cmd.valid && selected === k
    r.io.bus.cmd.payload := host.cmd.payload
    r.io.bus.rsp.ready := host.rsp.ready && selected === k
  }
  host.cmd.ready := Vec(registers.map(_.io.bus.cmd.ready))(selected)
  host.rsp.valid := Vec(registers.map(_.io.bus.rsp.valid))(selected)
  host.rsp.payload := Vec(registers.map(_.io.bus.rsp.payload))(selected)

  unit.io.errClear := False
  io.led := unit.io.ep.map(_.irq).asBits ## unit.io.errFlags.orR ## unit.io.initDone
}
