package swapipc.hdl

import spinal.core._
import spinal.lib._

/**
 * A round-robin stream arbiter without lock: SpinalHDL's StreamArbiter (roundRobin, noLock)
 * with the same ports and the same choice, computed in plain logic. The library masks the doubled
 * request vector with a subtraction, a 2n-bit carry chain that sat on the IpcUnit's critical paths
 * (the pool's write arbiter, docs/fpga.md). The search starts one past the last winner, and
 * input i wins when it is valid and no input searched before it is. Which input is searched
 * before which is kept in registers (`ahead`, one bit per ordered pair), loaded from this cycle's
 * winner, so a choice is one AND-OR of the requests with registers. A choice may change while its
 * input waits (no lock), as the library's does.
 */
class RoundRobinArbiter[T <: Data](dataType: HardType[T], portCount: Int) extends Component {
  val io = new Bundle {
    val inputs = Vec(slave(Stream(dataType)), portCount)
    val output = master(Stream(dataType))
    val chosen = out UInt (log2Up(portCount) bits)
    val chosenOH = out Bits (portCount bits)
  }
  import RoundRobinArbiter.before
  private val n = portCount
  /** ahead(j)(i): input j is searched before input i (none for j = i); after reset input 0 is searched first. */
  val ahead: Seq[Seq[Bool]] = Seq.tabulate(n, n)((j, i) =>
    if (i == j) null else (Reg(Bool()) init Bool(before(n, n - 1, j, i))).setName(s"ahead_${j}_$i"))
  val maskProposal = Vec(Bool(), n)
  private val valid = io.inputs.map(_.valid)
  for (i <- 0 until n) {
    maskProposal(i) := valid(i) && !(0 until n).filter(_ != i).map(j => valid(j) && ahead(j)(i)).reduceOption(_ || _).getOrElse(False)
  }
  // Some input wins whenever any is valid, so the output's valid is the plain OR of the requests,
  // beside the choice rather than after it.
  val anyValid = valid.reduce(_ || _)
  for (j <- 0 until n; i <- 0 until n if i != j) {
    when(anyValid) { ahead(j)(i) := RoundRobinArbiter.searchedBefore(maskProposal, j, i) }
  }

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

object RoundRobinArbiter {
  /** Whether input j is searched before input i when the search starts one past input `last`. */
  def before(n: Int, last: Int, j: Int, i: Int): Boolean = j != i && Math.floorMod(j - last - 1, n) < Math.floorMod(i - last - 1, n)

  /** Whether input j is searched before input i (j != i) after the one-hot `winner` won: the `ahead` bit it gives. */
  def searchedBefore(winner: scala.collection.IndexedSeq[Bool], j: Int, i: Int): Bool =
    winner.indices.filter(before(winner.length, _, j, i)).map(winner(_)).reduce(_ || _)
}
