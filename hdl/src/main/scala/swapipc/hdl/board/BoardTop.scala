package swapipc.hdl.board

import spinal.core._
import spinal.lib._
import swapipc.hdl.Gen
import swapipc.model.Board

/**
 * A board's bitstream top: the oscillator pin through the PLL to the board clock, a reset held
 * for 255 cycles after power-up, PLL lock, and (where the board has one) while the button is
 * pressed; then BoardCore in that clock domain, its LEDs turned to the board's polarity.
 * Port names are the pin names of fpga-constraints/<board>.pcf.
 */
class BoardTop(board: Board) extends Component {
  private val cfg = board.config()
  private val leds = 2 + cfg.endpoints()
  val io = new Bundle {
    val clk12 = in Bool()
    val rx = in Bool()
    val tx = out Bool()
    val btn_n = board.button generate (in Bool())
    val led = out Bits (leds bits)
  }
  noIoPrefix()

  val pll = new Pll40(board.pll(), board.pllPad)
  pll.input := io.clk12
  pll.RESETB := True
  pll.BYPASS := False

  /** Registers that start from their initial value (the bitstream's), no reset: the reset generator. */
  private val boot = ClockDomain(clock = pll.PLLOUTGLOBAL, config = ClockDomainConfig(resetKind = BOOT))
  val resetGen = boot on new Area {
    val pressed = if (board.button) !BufferCC(io.btn_n, init = True) else False
    val hold = Reg(UInt(8 bits)) init 0
    when(!pll.LOCK || pressed) {
      hold := 0
    } elsewhen (hold =/= hold.maxValue) {
      hold := hold + 1
    }
    val reset = RegNext(hold =/= hold.maxValue) init True
  }

  private val domain = ClockDomain(clock = pll.PLLOUTGLOBAL, reset = resetGen.reset, config = Gen.clockDomain)
  val core = domain on new BoardCore(cfg, board.baudDivisor(), board.clockHz())
  core.io.rxd := io.rx
  io.tx := core.io.txd
  io.led := core.io.led ^ B(board.ledActiveLow, leds bits)
}
