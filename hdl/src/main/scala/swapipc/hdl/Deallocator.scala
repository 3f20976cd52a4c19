package swapipc.hdl

import spinal.core._
import spinal.lib._
import swapipc.model.{Config, FreeStatus}

/**
 * Fig. 7 for every requester port: free(ref) answers OK, INVALID_REF (not the start of a buffer
 * of this pool) or DOUBLE_FREE (already free). Two stages, like the Allocator: the reference is
 * decoded into the request register (valid, and the buffer one-hot), the swap is done in the next
 * cycle, and the answer follows in the cycle after. The flag is set by an atomic swap of a 1, so a
 * double free is detected by the same swap that would free the buffer, and writing 1 over 1
 * leaves the flags as they were. An invalid reference never reaches the FlagBank.
 */
class Deallocator(cfg: Config) extends Component {
  val io = new Bundle {
    val ports = Vec(slave(FreeChannel(cfg)), cfg.ports())
    val hold = in Bool()
    /** `hold` in the next cycle (the Initializer's busyNext). */
    val holdNext = in Bool()
    val swap = Vec(master(SwapPort(cfg)), cfg.ports())
    val invalidRef = out Vec (Bool(), cfg.ports())
    val doubleFree = out Vec (Bool(), cfg.ports())
  }

  private def status(s: FreeStatus): UInt = U(s.code(), FreeStatus.BITS bits)

  val lanes = for ((port, p) <- io.ports.zipWithIndex) yield new Area {
    val swap = io.swap(p)
    val pending = Reg(Bool()) init False
    val validRef = Reg(Bool()) init False
    val buffer = Reg(Bits(cfg.buffers() bits)) init 0
    val rspValid = Reg(Bool()) init False
    val rspStatus = Reg(UInt(FreeStatus.BITS bits)) init 0
    port.rsp.valid := rspValid
    port.rsp.status := rspStatus
    when(port.rsp.fire) { rspValid := False }
    SimChecks.held(cfg, port.rsp, s"free port $p's answer")

    // pending && !hold in one register, as in the Allocator: the swap starts at this lane's registers.
    val armed = Reg(Bool()) init False
    val decide = armed && (!rspValid || port.rsp.ready)
    port.req.ready := !io.hold && (!pending || decide)
    val pendingNext = Mux(port.req.fire, True, pending && !decide)
    pending := pendingNext
    armed := pendingNext && !io.holdNext
    when(port.req.fire) {
      val ref = Refs.decode(cfg, port.req.ref)
      validRef := ref.valid
      buffer := UIntToOh(ref.index, cfg.buffers())
    }

    swap.valid := decide && validRef
    swap.oh := buffer
    io.invalidRef(p) := decide && !validRef
    io.doubleFree(p) := swap.valid && swap.old

    when(decide) {
      rspValid := True
      rspStatus := Mux(!validRef, status(FreeStatus.INVALID_REF),
        Mux(swap.old, status(FreeStatus.DOUBLE_FREE), status(FreeStatus.OK)))
    }
  }.setName(s"port_$p")
}
