package swapipc.hdl

import spinal.core._
import spinal.lib._
import swapipc.model.Config

/**
 * Simulation assertions, generated only into simulation builds (`debugPorts`, which every test
 * bench uses and no committed or synthesized top has). A failing one prints its FAILURE line and
 * executes $finish; the JNI bridge stops the batch after that cycle and the bench reports it with
 * its seed (sim/.../bridge/RtlAssertionFailure). They restate, next to the unit, rules the formal harnesses
 * prove on the bare units and the Java monitors check at the pins.
 */
object SimChecks {
  /** The stream rule on an answer stream: offered and not taken, it stays offered, unchanged, next cycle. */
  def held[T <: Data](cfg: Config, s: Stream[T], what: String): Unit = if (cfg.debugPorts()) {
    val waited = RegNext(s.valid && !s.ready) init False
    val before = RegNext(s.payload.asBits)
    when(waited) { assert(s.valid && s.payload.asBits === before, s"$what dropped or changed before it was taken", FAILURE) }
  }

  /** A condition that holds in every cycle out of reset. */
  def always(cfg: Config, cond: Bool, what: String): Unit = if (cfg.debugPorts()) {
    assert(cond, what, FAILURE)
  }
}
