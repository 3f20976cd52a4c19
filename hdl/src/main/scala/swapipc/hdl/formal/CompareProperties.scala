package swapipc.hdl.formal

import spinal.core._
import spinal.core.formal._
import swapipc.hdl.Compare

/**
 * Compare's gate-level constant compares against the operators they replace, for every constant
 * of every width up to 5 bits (and past the largest value) and for 16-bit values (a message
 * length, a word offset) at the constants' edges: combinational, so one BMC step past the reset step covers every x.
 */
class CompareProperties extends Component {
  private def check(width: Int, constants: Seq[BigInt]): Unit = {
    val x = anyseq(UInt(width bits))
    for (c <- constants) {
      assert(Compare.atMost(x, c) === (x.resize(width + 18) <= U(c, width + 18 bits)), s"atMost($width bits, $c) is <=")
      assert(Compare.below(x, c) === (x.resize(width + 18) < U(c, width + 18 bits)), s"below($width bits, $c) is <")
    }
  }
  for (w <- 1 to 5) check(w, (0 to (1 << w) + 1).map(BigInt(_)))
  check(16, Seq(0, 1, 7, 8, 9, 255, 256, 1000, 32767, 32768, 65534, 65535, 65536, 70000).map(BigInt(_)))
}
