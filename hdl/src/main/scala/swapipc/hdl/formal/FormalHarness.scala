package swapipc.hdl.formal

import spinal.core._
import spinal.core.formal._

/** What the formal harnesses share between their proof builds and their simulation (`fromPorts`) builds. */
object FormalHarness {
  /** Covers exist only for the prover: in a simulation build they would leave their inputs unused. */
  def formalCover(cond: => Bool): Unit = if (GenerationFlags.formal.isEnabled) cover(cond)

  /** A neighbour's duty: assumed when the block is proved alone, asserted where the real neighbour drives it (`checked`). */
  def duty(checked: Boolean, cond: Bool, what: String): Unit = if (checked) assert(cond, what) else assume(cond)
}
