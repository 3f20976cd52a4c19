package swapipc.hdl

import spinal.core._
import spinal.lib._

/**
 * A round-robin stream arbiter without lock: SpinalHDL's StreamArbiter (roundRobin, noLock)
 * with the same ports and the same choice, computed in plain logic. The library masks the doubled
 * request vector with a subtraction, a 2n-bit carry chain that sat on the IpcUnit's critical paths
 * (the pool's write arbiter, docs/fpga.md). Here the search starts one past the last winner
 * (`maskLocked`, one-hot) and input i wins when it is valid and no input from the start up to i,
 * cyclically, is. A choice may change while its input waits (no lock), as the library's does.
 */
class RoundRobinArbiter[T <: Data](dataType: HardType[T], portCount: Int) extends Component {
  val io = new Bundle {
    val inputs = Vec(slave(Stream(dataType)), portCount)
    val output = master(Stream(dataType))
    val chosen = out UInt (log2Up(portCount) bits)
    val chosenOH = out Bits (portCount bits)
  }
  /** The last winner, one-hot; after reset the last input, so input 0 is searched first. */
  val maskLocked = Vec.tabulate(portCount)(i => Reg(Bool()) init Bool(i == portCount - 1))
  val maskProposal = Vec(Bool(), portCount)
  private val valid = io.inputs.map(_.valid)
  for (i <- 0 until portCount) {
    val fromStart = (0 until portCount).map { start =>
      val ahead = (0 until portCount).map(k => (start + k) % portCount).takeWhile(_ != i)
      ahead.foldLeft(maskLocked((start + portCount - 1) % portCount))((wins, j) => wins && !valid(j))
    }
    maskProposal(i) := valid(i) && fromStart.reduce(_ || _)
  }
  // Some input wins whenever any is valid (the search covers every start), so the output's valid
  // is the plain OR of the requests, beside the choice rather than after it.
  val anyValid = valid.reduce(_ || _)
  when(anyValid) { maskLocked := maskProposal }

  io.output.valid := anyValid
  // An AND-OR of the one-hot choice: MuxOH would encode it to binary first, one LUT level more
  // on the way to the pool's read address. Zero while no input is valid.
  private val width = widthOf(dataType)
  if (width > 0) io.output.payload.assignFromBits(io.inputs.zip(maskProposal).map { case (input, won) =>
    input.payload.asBits & B(width bits, default -> won)
  }.reduce(_ | _))
  for ((input, won) <- io.inputs.zip(maskProposal)) input.ready := won && io.output.ready
  io.chosenOH := maskProposal.asBits
  io.chosen := OHToUInt(io.chosenOH)
}
