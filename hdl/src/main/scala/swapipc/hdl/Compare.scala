package swapipc.hdl

import spinal.core._

/**
 * Compares with a constant as plain logic. yosys maps `x <= c` to a carry chain as long as x
 * (16 steps for a message length), and such chains started the send and BufferPort command paths
 * (docs/fpga.md); as gates the mapper builds a tree of a few LUTs instead.
 */
object Compare {
  /** x <= c: at the highest bit where x and c differ, x has the 0. */
  def atMost(x: UInt, c: BigInt): Bool = {
    require(c >= 0)
    val w = x.getWidth
    if (c >= (BigInt(1) << w) - 1) True
    else {
      // Bits above c's width must be 0; below them, compare bit by bit from the top.
      val top = c.bitLength
      val highZero = if (top >= w) True else x(w - 1 downto top) === 0
      (0 until top).foldLeft(True: Bool) { (lower, b) =>
        if (c.testBit(b)) !x(b) || lower else !x(b) && lower
      } && highZero
    }
  }

  /** x < c. */
  def below(x: UInt, c: BigInt): Bool = if (c <= 0) False else atMost(x, c - 1)
}
