package swapipc.hdl

import spinal.core._
import spinal.lib._
import swapipc.model.{AllocStatus, Config, FreeStatus}

/** Allocate request: the number of bytes the requester will write into the buffer. */
case class AllocReq() extends Bundle {
  val bytes = UInt(Config.SIZE_BITS bits)
}

/** Allocate answer: status (AllocStatus codes); index and ref are 0 unless status is OK. */
case class AllocRsp(cfg: Config) extends Bundle {
  val status = UInt(AllocStatus.BITS bits)
  val index = UInt(cfg.indexBits() bits)
  val ref = UInt(cfg.dataWidth() bits)
}

/** Free request: the reference of the buffer to return. */
case class FreeReq(cfg: Config) extends Bundle {
  val ref = UInt(cfg.dataWidth() bits)
}

/** Free answer: status (FreeStatus codes). */
case class FreeRsp() extends Bundle {
  val status = UInt(FreeStatus.BITS bits)
}

/** One requester's allocate channel: a request stream in, an answer stream out. */
case class AllocChannel(cfg: Config) extends Bundle with IMasterSlave {
  val req = Stream(AllocReq())
  val rsp = Stream(AllocRsp(cfg))

  override def asMaster(): Unit = {
    master(req)
    slave(rsp)
  }
}

/** One requester's free channel. */
case class FreeChannel(cfg: Config) extends Bundle with IMasterSlave {
  val req = Stream(FreeReq(cfg))
  val rsp = Stream(FreeRsp())

  override def asMaster(): Unit = {
    master(req)
    slave(rsp)
  }
}

object Refs {
  /** Byte address of buffer `index`: poolBase + index * bufferBytes (the Fig. 5 pointer field). */
  def of(cfg: Config, index: UInt): UInt =
    (U(cfg.poolBase(), cfg.dataWidth() bits) + (index.resize(cfg.dataWidth()) |<< cfg.offsetBits())).resize(cfg.dataWidth())

  /** A reference decoded (Fig. 7 steps 708/710): whether it is the start of a buffer of this pool, and which. */
  case class Decoded(valid: Bool, index: UInt)

  def decode(cfg: Config, ref: UInt): Decoded = {
    val w = cfg.dataWidth()
    val low = cfg.offsetBits()
    val high = low + cfg.indexBits()
    if (cfg.poolBase() % (1L << high) == 0 && high <= w) {
      // The pool starts on a multiple of its power-of-two span: the index is a bit field and the
      // rest is compared with constants (no subtractor or magnitude compare on the address).
      val index = ref(high - 1 downto low)
      val base = if (high == w) True else ref(w - 1 downto high) === U(cfg.poolBase() >> high, (w - high) bits)
      val inPool = if (cfg.buffers() == (1 << cfg.indexBits())) True else index < cfg.buffers()
      Decoded(base && ref(low - 1 downto 0) === 0 && inPool, index)
    } else {
      val offset = ref - U(cfg.poolBase(), w bits)
      val number = offset(w - 1 downto low)
      Decoded(ref >= U(cfg.poolBase(), w bits) && offset(low - 1 downto 0) === 0 && number < cfg.buffers(),
        number.resize(cfg.indexBits()))
    }
  }
}

object Answers {
  /** True in the first cycle an answer is offered (it may be taken later): when its effect becomes visible. */
  def firstCycle[T <: Data](answer: Stream[T]): Bool = answer.valid && !(RegNext(answer.valid && !answer.ready) init False)
}
