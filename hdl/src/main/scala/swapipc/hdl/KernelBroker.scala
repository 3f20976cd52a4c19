package swapipc.hdl

import spinal.core._
import spinal.lib._
import swapipc.model.{BrokerError, Config, MessageKind, ReleasePolicy, SystemConfig, WireFormat}

/**
 * The kernel of claims 1-2 (Figs. 3-4) between the client pool and the server pool, as two relays
 * that run at once (their ports do not overlap) and share the thread table.
 *
 * CALL relay (claim 1 d-g): takes a call posted to the kernel in the client pool, obtains a thread
 * of server `opcode mod servers` (waiting, in arrival order, while all are busy), has its
 * Marshaler in the server pool allocate a buffer (blocking: it waits for one in arrival order),
 * copies the argument words buffer to buffer at one word per cycle, frees the client's buffer as
 * soon as the last word is handed over, and the Marshaler posts the call to the server with the
 * thread's number as its tag.
 *
 * RETURN relay (claim 2 d-g): takes a server's reply, finds the call by (server, tag) in the
 * thread table, has the client pool's Marshaler allocate, copies, frees the server's buffer and
 * posts the reply to the calling client with the client's own tag; the thread is free again.
 *
 * ON_RETURN (prior art): the client's call buffer is handed to the client pool's HeldCalls (the
 * client's CopyEngine frees it when the reply arrives), and the server's CopyEngine holds the
 * server-pool call buffer until the reply reaches the kernel, which frees it.
 *
 * A message of the wrong kind, or a reply that names no running call, is freed and dropped, and
 * sets its BrokerError bit.
 */
class KernelBroker(sys: SystemConfig) extends Component {
  private val a = sys.clientPool()
  private val b = sys.serverPool()
  private val onReturn = sys.releasePolicy() == ReleasePolicy.ON_RETURN
  private val debug = sys.debugPorts()
  private val slots = sys.servers() * sys.threads()
  private val slotBits = log2Up(slots) max 1
  val io = new Bundle {
    val client = master(KernelSide(a))
    val server = master(KernelSide(b))
    val errClear = in Bool()
    val errFlags = out Bits (BrokerError.values().length bits)
    /** debugPorts: the thread table's busy bits, slot server * threads + thread. */
    val threadsBusy = debug generate (out Bits (slots bits))
    /** debugPorts: the last argument word of a relayed message was handed to the destination's Marshaler. */
    val callCopied = debug generate master(Flow(UInt(a.indexBits() bits)))
    val returnCopied = debug generate master(Flow(UInt(b.indexBits() bits)))
    /** debugPorts: bit 0 the CALL relay, bit 1 the RETURN relay is copying (reads issued, words handed over). */
    val copying = debug generate (out Bits (2 bits))
  }

  // The thread table: which client and tag each server thread is executing for.
  val busy = Reg(Bits(slots bits)) init 0
  val caller = Vec.fill(slots)(Reg(UInt(a.endpointBits() bits)) init 0)
  val callerTag = Vec.fill(slots)(Reg(UInt(WireFormat.TAG.width() bits)) init 0)
  /** Thread-table entry `slot` (a one-entry table has no address bits). */
  private def entry[T <: Data](table: Vec[T], slot: UInt): T = if (slots == 1) table(0) else table(slot.resize(log2Up(slots)))
  private def entry(table: Seq[Bool], slot: UInt): Bool = if (slots == 1) table(0) else Vec(table)(slot.resize(log2Up(slots)))
  /** Method m is served by server m mod servers (a constant table, no divider). */
  private val serverOf = Vec((0 until (1 << WireFormat.OPCODE.width())).map(m => U(sys.serverOf(m), WireFormat.SOURCE.width() bits)))

  val errors = Reg(Bits(BrokerError.values().length bits)) init 0
  private val raised = Bits(BrokerError.values().length bits)
  errors := Mux(io.errClear, B(0, errors.getWidth bits), errors) | raised
  io.errFlags := errors

  val calls = new Relay(a, io.client, b, io.server, call = true)
  val returns = new Relay(b, io.server, a, io.client, call = false)
  // One slot at a time each; the CALL relay takes only free slots, the RETURN relay frees only busy ones.
  for (i <- 0 until slots) {
    when(calls.taken.valid && calls.taken.payload === i) {
      busy(i) := True
      caller(i) := calls.desc.src.resized
      callerTag(i) := calls.desc.header.tag
    }
    when(returns.released.valid && returns.released.payload === i) { busy(i) := False }
  }
  raised := calls.error | returns.error
  if (debug) {
    io.threadsBusy := busy
    io.callCopied << calls.copied
    io.returnCopied << returns.copied
    io.copying := (returns.state === returns.State.COPY) ## (calls.state === calls.State.COPY)
  }

  /** One direction: messages posted to the kernel in `src`'s pool, forwarded into `dst`'s. */
  class Relay(sc: Config, src: KernelSide, dc: Config, dst: KernelSide, call: Boolean) extends Area {
    object State extends SpinalEnum {
      val IDLE, ROUTE, SEND, ANSWER, COPY, FREE, FREE_WAIT, HOLD, LOOKUP, FREE_HELD, FREE_HELD_WAIT, DONE = newElement()
    }
    import State._

    private val words = MsgWidths.wordCountBits(sc)
    private val expected = if (call) MessageKind.CALL else MessageKind.RETURN
    val state = Reg(State()) init IDLE
    val desc = Reg(Descriptor(sc))
    /** RETURN relay: a refused reply (it holds no thread), and the slot of the call it answers. */
    val dropping = (!call) generate (Reg(Bool()) init False)
    val slot = (!call) generate (Reg(UInt(slotBits bits)) init 0)
    val toDst = Reg(UInt(WireFormat.SOURCE.width() bits)) init 0
    val toTag = Reg(UInt(WireFormat.TAG.width() bits)) init 0
    val total = Reg(UInt(words bits)) init 0
    val readPtr = Reg(UInt(words bits)) init 0
    val sent = Reg(UInt(words bits)) init 0
    val heldIndex = Reg(UInt(sc.indexBits() bits)) init 0
    val error = Bits(BrokerError.values().length bits)
    /** The thread table's updates: a slot the CALL relay takes, a slot the RETURN relay gives back. */
    val taken = call generate Flow(UInt(slotBits bits))
    val released = (!call) generate Flow(UInt(slotBits bits))
    if (call) {
      taken.valid := False
      taken.payload := 0
    } else {
      released.valid := False
      released.payload := 0
    }
    val copied = debug generate Flow(UInt(sc.indexBits() bits))
    error := 0

    // The read data (a Flow) lands in a FIFO; a read is issued only while every word in flight has
    // a place in it, so a stalled Marshaler loses no word. Four places cover the round trip (read,
    // push, the FIFO's two-cycle latency), so a streaming Marshaler takes a word every cycle.
    private val places = 4
    val fifo = StreamFifo(Bits(32 bits), places)
    val inFlight = RegNext(src.read.fire) init False
    fifo.io.push.valid := src.readData.valid
    fifo.io.push.payload := src.readData.payload
    dst.sendData << fifo.io.pop
    fifo.io.flush := False

    private val threads = sys.threads()
    private def slotOf(s: UInt, t: UInt): UInt = (s * U(threads, 6 bits) + t.resize(slotBits)).resize(slotBits)
    /** CALL relay: the call's server, and the lowest free thread of that server. */
    val route = call generate new Area {
      val server = serverOf(desc.header.opcode)
      val freeThreads = Vec((0 until threads).map(t => !entry(busy.asBools, slotOf(server, U(t, 8 bits))))).asBits
      val firstFree = if (threads == 1) U(0, 1 bits) else OHToUInt(OHMasking.first(freeThreads))
    }
    /** RETURN relay: the reply's slot (its server and tag), and whether a call runs there. */
    val answer = (!call) generate new Area {
      val slot = slotOf(desc.src, desc.header.tag)
      val known = desc.header.tag < threads && desc.src < sys.servers() && entry(busy.asBools, slot)
    }

    src.inbound.ready := state === IDLE
    src.read.valid := False
    src.read.payload := MsgWidths.poolAddress(sc, desc.index, (readPtr + WireFormat.HEADER_WORDS).resized)
    src.free.req.valid := False
    src.free.req.ref := Refs.of(sc, Mux(state === FREE_HELD, heldIndex, desc.index))
    src.free.rsp.ready := True
    src.freed.valid := src.free.rsp.valid
    src.freed.payload := Mux(state === FREE_HELD_WAIT, heldIndex, desc.index)
    dst.send.valid := state === SEND
    dst.send.dst := toDst
    dst.send.header.kind := desc.header.kind
    dst.send.header.opcode := desc.header.opcode
    dst.send.header.tag := toTag
    dst.send.header.argc := desc.header.argc
    dst.send.header.length := desc.header.length
    dst.send.blocking := True
    dst.sendRsp.ready := state === ANSWER
    if (debug) {
      copied.valid := False
      copied.payload := desc.index
    }
    if (onReturn) {
      src.hold.valid := state === HOLD
      src.hold.index := desc.index
      src.hold.caller := desc.src
      src.hold.tag := desc.header.tag
      src.lookupCallee := desc.src
      src.lookupTag := desc.header.tag
      src.release.valid := False
      src.release.payload := heldIndex
    }

    /** After the copy (or a drop): free the buffer, or (ON_RETURN) hand a call's to HeldCalls. */
    private def release(): Unit = {
      when(!desc.pooled) { afterFree() } otherwise {
        state := (if (onReturn && call) HOLD else FREE)
      }
    }

    /** A refused message: its buffer is freed, nothing is forwarded, no thread changes. */
    private def drop(why: BrokerError): Unit = {
      error(why.bit()) := True
      if (!call) dropping := True
      state := Mux(desc.pooled, FREE, DONE)
    }

    /** ON_RETURN: a reply's own buffer is free; now the call buffer its server held. */
    private def afterFree(): Unit = {
      state := DONE
      if (onReturn && !call) when(!dropping) { state := LOOKUP }
    }

    switch(state) {
      is(IDLE) {
        when(src.inbound.valid) {
          desc := src.inbound.payload
          total := MsgWidths.argWords(src.inbound.payload.header.length).resized
          readPtr := 0
          sent := 0
          if (!call) dropping := False
          state := ROUTE
        }
      }
      is(ROUTE) {
        when(desc.header.kind =/= expected.code()) {
          drop(BrokerError.WRONG_KIND)
        } otherwise {
          if (call) {
            // Wait here, holding the kernel's queue, until the server has a free thread.
            when(route.freeThreads.orR) {
              val s = slotOf(route.server, route.firstFree)
              taken.valid := True
              taken.payload := s
              toDst := route.server
              toTag := route.firstFree.resized
              state := SEND
            }
          } else {
            when(answer.known) {
              slot := answer.slot
              toDst := entry(caller, answer.slot).resized
              toTag := entry(callerTag, answer.slot)
              state := SEND
            } otherwise {
              drop(BrokerError.NO_CALL)
            }
          }
        }
      }
      is(SEND) {
        when(dst.send.ready) { state := ANSWER }
      }
      is(ANSWER) {
        // Blocking, of a size both pools' buffers hold, to an endpoint that exists: always OK.
        when(dst.sendRsp.valid) {
          when(total === 0) { release() } otherwise { state := COPY }
        }
      }
      is(COPY) {
        src.read.valid := readPtr < total && (fifo.io.occupancy +^ U(inFlight)) < places
        when(src.read.fire) { readPtr := readPtr + 1 }
        when(dst.sendData.fire) {
          sent := sent + 1
          when(sent === total - 1) {
            if (debug) copied.valid := True
            release()
          }
        }
      }
      is(FREE) {
        src.free.req.valid := True
        when(src.free.req.ready) { state := FREE_WAIT }
      }
      is(FREE_WAIT) {
        when(src.free.rsp.valid) { afterFree() }
      }
      is(HOLD) {
        state := DONE
      }
      is(LOOKUP) {
        if (onReturn) {
          heldIndex := src.foundIndex
          state := Mux(src.found, FREE_HELD, DONE)
        }
      }
      is(FREE_HELD) {
        src.free.req.valid := True
        if (onReturn) src.release.valid := src.free.req.ready
        when(src.free.req.ready) { state := FREE_HELD_WAIT }
      }
      is(FREE_HELD_WAIT) {
        when(src.free.rsp.valid) { state := DONE }
      }
      is(DONE) {
        if (!call) when(!dropping) {
          released.valid := True
          released.payload := slot
        }
        state := IDLE
      }
    }

    if (debug) {
      src.holds := (desc.pooled && state.mux(
        ROUTE -> True, SEND -> True, ANSWER -> True, COPY -> True, FREE -> True, FREE_WAIT -> True, HOLD -> True,
        default -> False) || state === FREE_HELD_WAIT) && !src.free.rsp.valid
    }
  }
}
