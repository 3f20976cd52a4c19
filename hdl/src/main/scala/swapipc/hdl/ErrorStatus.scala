package swapipc.hdl

import spinal.core._
import spinal.lib._
import swapipc.model.ErrorKind

/**
 * Sticky error status: one flag per ErrorKind that stays set until `clear`, and a saturating
 * count of bad requests. The events are registered first, so an error decided in cycle t shows
 * from t + 2 (one cycle after its answer): the status is off the decision paths. An error decided
 * in the cycle before a clear is kept (it reaches the status after the clear).
 */
class ErrorStatus(sources: Int) extends Component {
  private val kinds = ErrorKind.values().length
  val io = new Bundle {
    val events = in Vec (Bits(sources bits), kinds)
    val clear = in Bool()
    val flags = out Bits (kinds bits)
    val count = out UInt (ErrorKind.COUNT_BITS bits)
  }

  val flags = Reg(Bits(kinds bits)) init 0
  val count = Reg(UInt(ErrorKind.COUNT_BITS bits)) init 0

  private val events = Vec(io.events.map(e => RegNext(e) init 0))
  private val seen = Cat(events.map(_.orR)) // Cat of a Seq puts element 0 at bit 0
  // A sum of bits, not CountOne: CountOne's lookup is an always block, which a 4-state simulator
  // never runs when its inputs are constant (the bare ControlArea ties FOREIGN and OUT_OF_RANGE to 0).
  private val arrivingBits = log2Up(kinds * sources + 1)
  private val arriving = events.flatMap(_.asBools).map(_.asUInt.resize(arrivingBits)).reduce(_ + _)
  private val base = Mux(io.clear, U(0, ErrorKind.COUNT_BITS bits), count)
  private val sum = base +^ arriving
  flags := Mux(io.clear, B(0, kinds bits), flags) | seen
  count := Mux(sum > ErrorKind.COUNT_MAX, U(ErrorKind.COUNT_MAX, ErrorKind.COUNT_BITS bits), sum.resize(ErrorKind.COUNT_BITS))

  io.flags := flags
  io.count := count
}
