package swapipc.hdl.board

import spinal.core._
import spinal.lib._

/** 8N1 UART transmitter, `divisor` clock cycles per bit; `txd` comes from a register and idles high. */
class UartTx(divisor: Int) extends Component {
  val io = new Bundle {
    val byte = slave(Stream(Bits(8 bits)))
    val txd = out Bool()
  }

  /** Stop bit, data (least significant first), start bit: shifted out from the bottom. */
  val frame = Reg(Bits(10 bits)) init B"1111111111"
  val bitsLeft = Reg(UInt(4 bits)) init 0
  val countdown = Reg(UInt(log2Up(divisor) bits)) init 0

  io.byte.ready := bitsLeft === 0
  io.txd := frame(0)
  when(io.byte.fire) {
    frame := True ## io.byte.payload ## False
    bitsLeft := 10
    countdown := divisor - 1
  } elsewhen (bitsLeft =/= 0) {
    countdown := countdown - 1
    when(countdown === 0) {
      frame := True ## frame(9 downto 1)
      bitsLeft := bitsLeft - 1
      countdown := divisor - 1
    }
  }
}
