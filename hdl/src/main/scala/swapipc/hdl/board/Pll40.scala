package swapipc.hdl.board

import spinal.core._
import swapipc.model.Pll

/**
 * The iCE40 PLL primitive in SIMPLE feedback mode, with the divider settings of `pll`:
 * SB_PLL40_PAD when the clock pin is the PLL's own pad, SB_PLL40_CORE (fed from the fabric) otherwise.
 */
class Pll40(pll: Pll, pad: Boolean) extends BlackBox {
  setDefinitionName(if (pad) "SB_PLL40_PAD" else "SB_PLL40_CORE")
  addGeneric("FEEDBACK_PATH", "SIMPLE")
  addGeneric("DIVR", B(pll.divr(), 4 bits))
  addGeneric("DIVF", B(pll.divf(), 7 bits))
  addGeneric("DIVQ", B(pll.divq(), 3 bits))
  addGeneric("FILTER_RANGE", B(pll.filterRange(), 3 bits))
  val PACKAGEPIN = pad generate (in Bool())
  val REFERENCECLK = !pad generate (in Bool())
  val PLLOUTGLOBAL = out Bool()
  val LOCK = out Bool()
  val RESETB = in Bool()
  val BYPASS = in Bool()

  def input: Bool = if (pad) PACKAGEPIN else REFERENCECLK
}
