package swapipc.hdl.formal

import spinal.core._
import spinal.core.formal._
import spinal.lib._
import swapipc.hdl.RoundRobinArbiter

/**
 * RoundRobinArbiter against the arbiter it replaces, SpinalHDL's StreamArbiter (roundRobin,
 * noLock): both see the same free inputs (anyseq: valid, payload and the output's ready in every
 * cycle), and every output must be equal in every cycle: the choice, the payload passed on and
 * each input's ready. Stated for induction: both remember the same last winner (the dut in its search order, `ahead`).
 * `inputs` is the arbiter's size (the Prover passes it as the configuration's endpoint count).
 */
class RoundRobinArbiterProperties(inputs: Int) extends Component {
  val dut = new RoundRobinArbiter(UInt(4 bits), inputs)
  val reference = StreamArbiterFactory().roundRobin.noLock.build(UInt(4 bits), inputs)
  assumeInitial(ClockDomain.current.isResetActive)
  for (k <- 0 until inputs) {
    val valid = anyseq(Bool())
    val payload = anyseq(UInt(4 bits))
    for (a <- Seq(dut.io.inputs(k), reference.io.inputs(k))) {
      a.valid := valid
      a.payload := payload
    }
    assert(dut.io.inputs(k).ready === reference.io.inputs(k).ready, s"input $k's ready is the library arbiter's")
  }
  private val ready = anyseq(Bool())
  dut.io.output.ready := ready
  reference.io.output.ready := ready
  assert(dut.io.output.valid === reference.io.output.valid, "output valid is the library arbiter's")
  when(dut.io.output.valid) { assert(dut.io.output.payload === reference.io.output.payload, "the payload passed on is the library arbiter's") }
  assert(dut.io.chosenOH === reference.io.chosenOH && dut.io.chosen === reference.io.chosen, "the choice is the library arbiter's")
  private val state = FormalHarness.roundRobin(dut)
  assert(state.last === reference.maskLocked.pull().asBits, "both remember the same last winner")
  assert(state.wellFormed, "one last winner, and the search order it gives")
}
