package swapipc.hdl.formal

import spinal.core._
import spinal.core.formal._
import spinal.lib.CountOne
import swapipc.hdl.RoundRobinArbiter

/** What the formal harnesses share between their proof builds and their simulation (`fromPorts`) builds. */
object FormalHarness {
  /** Covers exist only for the prover: in a simulation build they would leave their inputs unused. */
  def formalCover(cond: => Bool): Unit = if (GenerationFlags.formal.isEnabled) cover(cond)

  /** A neighbour's duty: assumed when the block is proved alone, asserted where the real neighbour drives it (`checked`). */
  def duty(checked: Boolean, cond: Bool, what: String): Unit = if (checked) assert(cond, what) else assume(cond)

  /** A RoundRobinArbiter's last winner (one-hot) and whether its search order is the one that winner gives. */
  case class RoundRobinState(last: Bits, wellFormed: Bool)

  /**
   * Read from the arbiter's `ahead` registers: the last winner is the input every other one is
   * searched before. An induction step starts from any register values, so a proof that relies on
   * the arbiter taking turns asserts `wellFormed`: one last winner, and the order it gives.
   */
  def roundRobin(arbiter: RoundRobinArbiter[_ <: Data]): RoundRobinState = {
    val n = arbiter.io.inputs.length
    val ahead = Seq.tabulate(n, n)((j, i) => if (i == j) null else arbiter.ahead(j)(i).pull())
    def all(c: Seq[Bool]) = c.foldLeft(True: Bool)(_ && _)
    val last = Vec.tabulate(n)(i => all((0 until n).filter(_ != i).map(ahead(_)(i)))).asBits
    val ordered = all(for (j <- 0 until n; i <- 0 until n if i != j)
      yield ahead(j)(i) === RoundRobinArbiter.searchedBefore(last.asBools, j, i))
    RoundRobinState(last, CountOne(last) === 1 && ordered)
  }
}
