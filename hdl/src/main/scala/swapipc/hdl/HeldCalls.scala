package swapipc.hdl

import spinal.core._
import spinal.lib._
import swapipc.model.{Config, WireFormat}

/**
 * releasePolicy ON_RETURN only (the prior art kept for comparison): the CALL buffers that are
 * copied but not yet released, one entry per buffer, keyed by caller, callee and tag, entered in
 * the cycle the callee takes the call. When a RETURN reaches its caller, the caller's CopyEngine
 * looks up the call's buffer here and frees it. A caller that reused a tag has several entries
 * with one key, alike to a RETURN (which names only callee and tag): the lowest buffer is
 * released; all of them were taken and copied out, so none is released before it was read.
 */
class HeldCalls(cfg: Config) extends Component {
  private val e = cfg.endpoints()
  private val n = cfg.buffers()
  val io = new Bundle {
    /** From callee k's CopyEngine: keep this CALL buffer. */
    val hold = Vec(slave(Flow(HoldReq(cfg))), e)
    /** From caller k's CopyEngine: the RETURN's source (the callee) and tag. */
    val lookupCallee = in Vec (UInt(cfg.endpointBits() bits), e)
    val lookupTag = in Vec (UInt(WireFormat.TAG.width() bits), e)
    val found = out Bits (e bits)
    val foundIndex = out Vec (UInt(cfg.indexBits() bits), e)
    /** From caller k's CopyEngine: the entry whose buffer it is freeing. */
    val release = Vec(slave(Flow(UInt(cfg.indexBits() bits))), e)
    /** debugPorts: buffers held. */
    val count = cfg.debugPorts() generate (out UInt (cfg.countBits() bits))
  }

  val valid = Reg(Bits(n bits)) init 0
  val caller = Vec.fill(n)(Reg(UInt(cfg.endpointBits() bits)) init 0)
  val callee = Vec.fill(n)(Reg(UInt(cfg.endpointBits() bits)) init 0)
  val tag = Vec.fill(n)(Reg(UInt(WireFormat.TAG.width() bits)) init 0)

  for (k <- 0 until e) {
    val matches = Vec((0 until n).map(i => valid(i) && caller(i) === k && callee(i) === io.lookupCallee(k) && tag(i) === io.lookupTag(k))).asBits
    io.found(k) := matches.orR
    io.foundIndex(k) := OHToUInt(OHMasking.first(matches)).resize(cfg.indexBits())
    when(io.release(k).valid) { valid(io.release(k).payload) := False }
    SimChecks.always(cfg, !(io.release(k).valid && !valid(io.release(k).payload)), s"HeldCalls: endpoint $k released an entry not held")
    SimChecks.always(cfg, !(io.hold(k).valid && valid(io.hold(k).index)), s"HeldCalls: endpoint $k held over a held call (its buffer would be lost)")
    when(io.hold(k).valid) {
      val i = io.hold(k).index
      valid(i) := True
      caller(i) := io.hold(k).caller
      callee(i) := U(k, cfg.endpointBits() bits)
      tag(i) := io.hold(k).tag
    }
  }
  if (cfg.debugPorts()) io.count := CountOne(valid).resize(cfg.countBits())
}
