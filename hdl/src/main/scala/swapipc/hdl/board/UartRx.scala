package swapipc.hdl.board

import spinal.core._
import spinal.lib._

/**
 * 8N1 UART receiver, `divisor` clock cycles per bit. The line is synchronized (two flip-flops),
 * a start bit is confirmed at its middle and every bit sampled at its middle. A byte whose stop
 * bit is low is not delivered; `stopError` pulses instead.
 */
class UartRx(divisor: Int) extends Component {
  require(divisor >= 4, s"a UART bit needs at least 4 clock cycles, not $divisor")
  val io = new Bundle {
    val rxd = in Bool()
    val byte = master(Flow(Bits(8 bits)))
    val stopError = out Bool()
  }

  object State extends SpinalEnum {
    val IDLE, START, DATA, STOP = newElement()
  }
  import State._

  private val line = BufferCC(io.rxd, init = True)
  val state = RegInit(IDLE)
  val countdown = Reg(UInt(log2Up(divisor) bits)) init 0
  val bit = Reg(UInt(3 bits)) init 0
  val shift = Reg(Bits(8 bits)) init 0

  io.byte.valid := False
  io.byte.payload := shift
  io.stopError := False
  private val sample = countdown === 0
  when(!sample)(countdown := countdown - 1)

  switch(state) {
    is(IDLE) {
      when(!line) {
        countdown := divisor / 2 - 1
        state := START
      }
    }
    is(START) {
      when(sample) {
        countdown := divisor - 1
        bit := 0
        state := Mux(line, IDLE, DATA)
      }
    }
    is(DATA) {
      when(sample) {
        shift := line ## shift(7 downto 1)
        countdown := divisor - 1
        bit := bit + 1
        when(bit === 7)(state := STOP)
      }
    }
    is(STOP) {
      when(sample) {
        io.byte.valid := line
        io.stopError := !line
        state := IDLE
      }
    }
  }
}
