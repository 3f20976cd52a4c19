package swapipc.hdl

import spinal.core._
import spinal.lib._
import swapipc.model.Config

/**
 * Blocking senders that found the pool empty, in arrival order (same cycle: lower endpoint
 * first). Only the head retries its allocation; it leaves when it gets a buffer. Each endpoint
 * is in the list at most once, so `endpoints` entries never overflow.
 */
class WaitList(cfg: Config) extends Component {
  private val e = cfg.endpoints()
  val io = new Bundle {
    val join = Vec(slave(Event), e)
    val leave = in Bits (e bits)
    val head = out Bits (e bits)
    val busy = out Bool()
  }

  val arrivals = StreamArbiterFactory().lowerFirst.noLock.build(NoData(), e)
  for (k <- 0 until e) arrivals.io.inputs(k) << io.join(k).translateWith(NoData())
  val queue = StreamFifo(UInt(cfg.endpointBits() bits), e)
  queue.io.push.valid := arrivals.io.output.valid
  queue.io.push.payload := arrivals.io.chosen
  arrivals.io.output.ready := queue.io.push.ready

  queue.io.pop.ready := io.leave.orR
  io.head := B(0, e bits)
  when(queue.io.pop.valid) { io.head := UIntToOh(queue.io.pop.payload, e) }
  // From the cycle after a join: the queue offers its head only a cycle later (synchronous read),
  // and a newcomer must not slip into that gap ahead of the waiter.
  io.busy := queue.io.occupancy =/= 0
}
