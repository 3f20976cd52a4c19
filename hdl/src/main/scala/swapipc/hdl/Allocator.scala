package swapipc.hdl

import spinal.core._
import spinal.lib._
import swapipc.model.{AllocPolicy, AllocStatus, Config}

/**
 * Fig. 6 for every requester port. A request asking for more than bufferBytes is answered ERROR
 * (step 606) without touching a flag. Otherwise the port claims a flag by swapping a 0 into it:
 *
 *  - LOWEST_FREE: port p picks the lowest flag that is free after ports 0..p-1 took theirs, so
 *    every port gets its own buffer in the cycle of the request; the answer is registered
 *    (1-cycle latency) and a new request is taken every cycle the answer is consumed.
 *  - SCAN: the seed's literal loop. The port swaps flag 0 in the cycle of the request, then one
 *    flag per cycle upwards until a swap returns 1 (OK) or the last flag returned 0 (NONE).
 *
 * The FlagBank's swap is what grants a buffer: under SCAN, OK is answered only when the swap
 * returned 1; LOWEST_FREE picks only flags its swap is bound to find at 1 (see below).
 */
class Allocator(cfg: Config) extends Component {
  val io = new Bundle {
    val ports = Vec(slave(AllocChannel(cfg)), cfg.ports())
    val hold = in Bool()
    // Only LOWEST_FREE selects from the flag vector; SCAN learns each flag from its swap.
    val flags = if (cfg.allocPolicy() == AllocPolicy.LOWEST_FREE) in Bits (cfg.buffers() bits) else null
    val swap = Vec(master(SwapPort(cfg)), cfg.ports())
    /** One Bool per port (not bits of a vector: SpinalHDL writes those in an always block that a 4-state simulator leaves X). */
    val sizeError = out Vec (Bool(), cfg.ports())
  }

  private val n = cfg.buffers()
  private var available = io.flags

  val lanes = for ((port, p) <- io.ports.zipWithIndex) yield new Area {
    val swap = io.swap(p)
    val rspValid = Reg(Bool()) init False
    val rspStatus = Reg(UInt(AllocStatus.BITS bits)) init 0
    val rspIndex = Reg(UInt(cfg.indexBits() bits)) init 0

    port.rsp.valid := rspValid
    port.rsp.status := rspStatus
    port.rsp.index := rspIndex
    port.rsp.ref := Mux(rspStatus === AllocStatus.OK.code(), Refs.of(cfg, rspIndex), U(0, cfg.dataWidth() bits))
    when(port.rsp.fire) { rspValid := False }

    val slotFree = !rspValid || port.rsp.ready
    val sizeOk = port.req.bytes <= cfg.bufferBytes()
    val sizeError = port.req.fire && !sizeOk
    io.sizeError(p) := sizeError

    def answer(status: AllocStatus, index: UInt): Unit = {
      rspValid := True
      rspStatus := status.code()
      rspIndex := index.resized
    }
    when(sizeError) { answer(AllocStatus.ERROR, U(0)) }
    // The SCAN walker: whether a walk is under way, and the flag it swaps next.
    val scanning = (cfg.allocPolicy() == AllocPolicy.SCAN) generate (Reg(Bool()) init False)
    val scanIndex = (cfg.allocPolicy() == AllocPolicy.SCAN) generate (Reg(UInt(cfg.indexBits() bits)) init 0)

    cfg.allocPolicy() match {
      case AllocPolicy.LOWEST_FREE =>
        port.req.ready := !io.hold && slotFree
        // The lowest free flag as a one-hot vector. Declared widths: with many ports, inferring
        // them through the chain of ports is exponential.
        val pick = Bits(n bits)
        pick := Allocator.lowestSet(available)
        swap.valid := port.req.fire && sizeOk && available.orR
        swap.index := OHToUInt(pick).resize(cfg.indexBits())
        if (p + 1 < cfg.ports()) {
          val after = Bits(n bits).setName(s"available_after_$p")
          after := available & ~(pick & B(n bits, default -> swap.valid))
          available = after
        }
        // The pick is a flag that read 1 at the start of the cycle and that no lower port took; frees
        // only set flags, so this swap always returns 1 and the answer need not wait for it (the
        // formal proof checks that no buffer is ever granted twice).
        when(port.req.fire && sizeOk) {
          when(swap.valid) { answer(AllocStatus.OK, swap.index) } otherwise { answer(AllocStatus.NONE, U(0)) }
        }

      case AllocPolicy.SCAN =>
        port.req.ready := !io.hold && !scanning && slotFree
        swap.valid := !io.hold && (scanning || (port.req.fire && sizeOk))
        swap.index := Mux(scanning, scanIndex, U(0, cfg.indexBits() bits))
        when(swap.valid) {
          when(swap.old) {
            answer(AllocStatus.OK, swap.index)
            scanning := False
          } elsewhen (swap.index === n - 1) {
            answer(AllocStatus.NONE, U(0))
            scanning := False
          } otherwise {
            scanning := True
            scanIndex := swap.index + 1
          }
        }
    }
  }.setName(s"port_$p")
}

object Allocator {
  /**
   * The lowest set bit of `x`, one-hot: x & ~(OR of all lower bits), with the lower-bits OR as a
   * parallel prefix (log2 n levels). The textbook x & -x is a carry chain through every bit, the
   * longest path of the control area on an iCE40.
   */
  def lowestSet(x: Bits): Bits = {
    val n = x.getWidth
    def up(v: Bits, by: Int): Bits = if (by >= n) B(0, n bits) else v(n - 1 - by downto 0) ## B(0, by bits)
    var below = up(x, 1) // bit i: OR of x(0..i-1), built up over spans 1, 2, 4, ...
    var span = 1
    while (span < n - 1) {
      below = below | up(below, span)
      span *= 2
    }
    x & ~below
  }
}
