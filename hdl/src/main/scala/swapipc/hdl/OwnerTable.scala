package swapipc.hdl

import spinal.core._
import spinal.lib._
import swapipc.model.{Config, OwnerKind}

/** One buffer's owner: what holds it (OwnerKind code) and which endpoint. */
case class Owner(cfg: Config) extends Bundle {
  val kind = UInt(OwnerKind.BITS bits)
  val endpoint = UInt(cfg.endpointBits() bits)
}

/** A pooled message posted: its buffer now belongs to the destination. */
case class Handover(cfg: Config) extends Bundle {
  val index = UInt(cfg.indexBits() bits)
  val dst = UInt(cfg.endpointBits() bits)
}

/**
 * The owner of every buffer: the allocating endpoint once its allocation is answered, the
 * receiver once the descriptor is posted, nobody once the flag is free again. Each entry changes
 * in the cycle after the event that moves it (the same trace events the test bench sees), so a
 * BufferPort deciding in cycle t sees every hand-over answered before t. A move (grant, claim,
 * post) wins over a free in the same cycle, as the FlagBank swaps frees first: a SCAN walk can be
 * granted a buffer in the cycle its free is decided, and the buffer must end with its new owner.
 */
class OwnerTable(cfg: Config, claimers: Int) extends Component {
  private val e = cfg.endpoints()
  val io = new Bundle {
    /** Marshaler k's allocation answered: MESSAGE, owner k. */
    val granted = Vec(slave(Flow(UInt(cfg.indexBits() bits))), e)
    /** BufferPort k's claim answered: CLAIMED, owner k (endpoints 0..claimers-1 have BufferPorts). */
    val claimed = Vec(slave(Flow(UInt(cfg.indexBits() bits))), claimers)
    /** Pooled messages posted by each Marshaler. */
    val posted = Vec(slave(Flow(Handover(cfg))), e)
    /** Flags seen free again (receive sides' frees, then BufferPort frees). */
    val freed = Vec(slave(Flow(UInt(cfg.indexBits() bits))), e + claimers)
    val owners = out Vec (Owner(cfg), cfg.buffers())
  }

  private def entry(kind: OwnerKind, endpoint: UInt): Owner = {
    val o = Owner(cfg)
    o.kind := U(kind.code(), OwnerKind.BITS bits)
    o.endpoint := endpoint.resized
    o
  }

  val table = Vec.fill(cfg.buffers())(Reg(Owner(cfg)) init entry(OwnerKind.NONE, U(0)))
  private val width = Owner(cfg).getBitsWidth
  for ((t, i) <- table.zipWithIndex) {
    def names(f: Flow[UInt]) = f.valid && f.payload === i
    val moves = (0 until e).flatMap(k => Seq(names(io.granted(k)) -> entry(OwnerKind.MESSAGE, U(k))) ++
      (if (k < claimers) Seq(names(io.claimed(k)) -> entry(OwnerKind.CLAIMED, U(k))) else Nil) ++
      Seq((io.posted(k).valid && io.posted(k).index === i) -> entry(OwnerKind.MESSAGE, io.posted(k).dst)))
    // A buffer is in one place at a time, so at most one move names it in a cycle: OR the entries.
    val to = moves.map { case (hit, o) => o.asBits & B(width bits, default -> hit) }.reduce(_ | _)
    when(moves.map(_._1).reduce(_ || _)) {
      t.assignFromBits(to)
    } elsewhen (io.freed.map(names).reduce(_ || _)) {
      t := entry(OwnerKind.NONE, U(0))
    }
  }
  io.owners := table
}
