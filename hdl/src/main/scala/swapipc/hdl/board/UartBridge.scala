package swapipc.hdl.board

import spinal.core._
import spinal.lib._
import swapipc.hdl.RegBus
import swapipc.model.{BridgeProtocol => P, BridgeStatus, Config, RegisterMap}

/**
 * UART to register-bus master: the host's frames (swapipc.model.BridgeProtocol, every constant
 * from there) become accesses to one endpoint's register core, one at a time, and each frame
 * gets exactly one answer. A frame is acted on only after its check byte, so a bad frame, a
 * timeout or a bad address changes nothing; write data waits in a burst memory (one block RAM
 * pair) until then, read data is collected there before the answer. `endpoint` selects the
 * register core; it holds from the first access to the answer.
 */
class UartBridge(cfg: Config, divisor: Int, clockHz: Int) extends Component {
  private val addressBits = new RegisterMap(cfg).addressBits()
  require(addressBits <= 16, s"the frame's address is 16 bits; this configuration's slave needs $addressBits")
  private val timeoutCycles = P.TIMEOUT_BITS * divisor
  val io = new Bundle {
    val rxd = in Bool()
    val txd = out Bool()
    val reg = master(RegBus(addressBits))
    val endpoint = out UInt (cfg.endpointBits() bits)
  }

  object State extends SpinalEnum {
    val SYNC, OP, ENDPOINT, ADDR_HI, ADDR_LO, COUNT, DATA, CHECK, DISCARD, FETCH, ISSUE, WAIT, ANSWER, LOAD, LATCH, WORD, TAIL = newElement()
  }
  import State._

  val rx = new UartRx(divisor)
  rx.io.rxd := io.rxd
  val tx = new UartTx(divisor)
  io.txd := tx.io.txd

  val state = RegInit(SYNC)
  val op = Reg(Bits(8 bits)) init 0
  val ep = Reg(UInt(8 bits)) init 0
  val address = Reg(UInt(16 bits)) init 0
  val count = Reg(UInt(7 bits)) init 0
  val index = Reg(UInt(7 bits)) init 0
  val lane = Reg(UInt(2 bits)) init 0
  val word = Reg(Bits(32 bits)) init 0
  val crc = Reg(Bits(8 bits)) init 0
  val status = Reg(UInt(BridgeStatus.BITS bits)) init 0
  val done = Reg(UInt(7 bits)) init 0
  val words = Reg(UInt(7 bits)) init 0
  val headByte = Reg(UInt(2 bits)) init 0
  val gap = Reg(UInt(log2Up(timeoutCycles + 1) bits)) init 0

  val burst = Mem(Bits(32 bits), P.MAX_BURST)
  burst.addAttribute("no_rw_check") // a word is written (DATA, WAIT) and read (FETCH, LOAD) in different states

  private val got = rx.io.byte.valid
  private val b = rx.io.byte.payload
  private val timedOut = gap === timeoutCycles
  when(got || rx.io.stopError || state === SYNC) {
    gap := 0
  } elsewhen (!timedOut) {
    gap := gap + 1
  }

  private def code(s: BridgeStatus) = U(s.code(), BridgeStatus.BITS bits)
  private def byteIs(v: Int) = b === B(v, 8 bits)
  private val kind = op & B(~P.INCREMENT & 0xFF, 8 bits)
  private val isWrite = kind === B(P.WRITE, 8 bits)
  private val isRead = kind === B(P.READ, 8 bits)
  private val isIdent = kind === B(P.IDENT, 8 bits)
  private val increment = op(7)
  private val target = address(addressBits - 1 downto 0) + Mux(increment, index << 2, U(0, 9 bits)).resize(addressBits)
  private val lastOffset = Mux(increment, (count - 1) << 2, U(0, 9 bits)).resize(18)
  private val badAddress = ep >= cfg.endpoints() || address(1 downto 0) =/= 0 || (address.resize(18) + lastOffset) >= (1 << addressBits)
  private val last = index === count - 1
  private val ident = Vec(P.ident(cfg, clockHz).toSeq.padTo(8, 0).map(w => B(w.toLong & 0xFFFFFFFFL, 32 bits)))

  private def crc8(c: Bits, v: Bits): Bits = {
    var r = c ^ v
    for (_ <- 0 until 8) r = Mux(r(7), (r(6 downto 0) ## False) ^ B(0x07, 8 bits), r(6 downto 0) ## False)
    r
  }

  /** A malformed frame: drop bytes until the line is idle for the timeout, then answer `s`. */
  private def discard(s: BridgeStatus): Unit = {
    status := code(s)
    state := DISCARD
  }
  private def answer(s: UInt, accesses: UInt, data: UInt): Unit = {
    status := s
    done := accesses
    words := data
    headByte := 0
    crc := 0
    state := ANSWER
  }
  /** A byte of the request: a stop-bit error or a timeout end the frame; otherwise `next`. */
  private def receive(next: => Unit): Unit = {
    when(rx.io.stopError) {
      discard(BridgeStatus.BAD_FRAME)
    } elsewhen (got) {
      crc := crc8(crc, b)
      next
    } elsewhen (timedOut) {
      answer(code(BridgeStatus.TIMEOUT), 0, 0)
    }
  }

  io.reg.cmd.valid := state === ISSUE
  io.reg.cmd.address := target
  io.reg.cmd.write := isWrite
  io.reg.cmd.data := burst.readSync(index.resize(log2Up(P.MAX_BURST)), enable = state === FETCH || state === LOAD)
  io.reg.cmd.whole := True
  io.reg.rsp.ready := state === WAIT
  io.endpoint := ep.resize(cfg.endpointBits())

  private val assembled = b ## word(31 downto 8)
  private val storeRequest = state === DATA && got && lane === 3
  private val storeAnswer = io.reg.rsp.fire && isRead
  burst.write(index.resize(log2Up(P.MAX_BURST)), Mux(storeRequest, assembled, io.reg.rsp.data), enable = storeRequest || storeAnswer)

  tx.io.byte.valid := False
  tx.io.byte.payload := 0

  switch(state) {
    is(SYNC) {
      when(rx.io.stopError) {
        discard(BridgeStatus.BAD_FRAME)
      } elsewhen (got) {
        crc := 0
        when(byteIs(P.REQUEST_SYNC))(state := OP).otherwise(discard(BridgeStatus.BAD_FRAME))
      }
    }
    is(OP)(receive { op := b; state := ENDPOINT })
    is(ENDPOINT)(receive { ep := b.asUInt; state := ADDR_HI })
    is(ADDR_HI)(receive { address(15 downto 8) := b.asUInt; state := ADDR_LO })
    is(ADDR_LO)(receive { address(7 downto 0) := b.asUInt; state := COUNT })
    is(COUNT) {
      receive {
        count := b(6 downto 0).asUInt
        index := 0
        lane := 0
        when(b === 0 || b.asUInt > P.MAX_BURST) {
          discard(BridgeStatus.BAD_FRAME)
        } elsewhen (isWrite) {
          state := DATA
        } otherwise {
          state := CHECK
        }
      }
    }
    is(DATA) {
      receive {
        word := assembled
        lane := lane + 1
        when(lane === 3) {
          index := index + 1
          when(last)(state := CHECK)
        }
      }
    }
    is(CHECK) {
      when(rx.io.stopError) {
        discard(BridgeStatus.BAD_FRAME)
      } elsewhen (got) {
        index := 0
        when(b =/= crc || !(isRead || isWrite || isIdent)) {
          answer(code(BridgeStatus.BAD_FRAME), 0, 0)
        } elsewhen (isIdent) {
          answer(code(BridgeStatus.OK), 0, P.IDENT_WORDS)
        } elsewhen (badAddress) {
          answer(code(BridgeStatus.BAD_ADDRESS), 0, 0)
        } otherwise {
          state := FETCH
        }
      } elsewhen (timedOut) {
        answer(code(BridgeStatus.TIMEOUT), 0, 0)
      }
    }
    is(DISCARD) {
      when(timedOut)(answer(status, 0, 0))
    }
    is(FETCH)(state := ISSUE)
    is(ISSUE) {
      when(io.reg.cmd.ready)(state := WAIT)
    }
    is(WAIT) {
      when(io.reg.rsp.valid) {
        when(io.reg.rsp.error) {
          answer(code(BridgeStatus.BUS_ERROR), index, Mux(isRead, index, U(0, 7 bits)))
        } elsewhen (last) {
          answer(code(BridgeStatus.OK), count, Mux(isRead, count, U(0, 7 bits)))
        } otherwise {
          index := index + 1
          state := FETCH
        }
      }
    }
    is(ANSWER) {
      tx.io.byte.valid := True
      tx.io.byte.payload := headByte.mux(
        0 -> B(P.RESPONSE_SYNC, 8 bits),
        1 -> status.asBits.resize(8),
        2 -> done.asBits.resize(8),
        3 -> words.asBits.resize(8))
      when(tx.io.byte.ready) {
        when(headByte =/= 0)(crc := crc8(crc, tx.io.byte.payload))
        headByte := headByte + 1
        when(headByte === 3) {
          index := 0
          state := Mux(words === 0, TAIL, LOAD)
        }
      }
    }
    is(LOAD)(state := LATCH)
    is(LATCH) {
      word := Mux(isIdent, ident(index.resize(3)), io.reg.cmd.data)
      lane := 0
      state := WORD
    }
    is(WORD) {
      tx.io.byte.valid := True
      tx.io.byte.payload := word(7 downto 0)
      when(tx.io.byte.ready) {
        crc := crc8(crc, word(7 downto 0))
        word := B(0, 8 bits) ## word(31 downto 8)
        lane := lane + 1
        when(lane === 3) {
          index := index + 1
          state := Mux(index === words - 1, TAIL, LOAD)
        }
      }
    }
    is(TAIL) {
      tx.io.byte.valid := True
      tx.io.byte.payload := crc
      when(tx.io.byte.ready)(state := SYNC)
    }
  }
}
