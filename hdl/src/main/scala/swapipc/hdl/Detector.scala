package swapipc.hdl

import spinal.core._
import swapipc.model.Config

/**
 * Claims 7d/12d, receiver side: how many messages wait for this endpoint (queued, being copied
 * or presented), a level "not empty" status, and a level interrupt while the endpoint is not
 * empty, the count is at or above the threshold and the interrupt is enabled: one assertion
 * serves a whole burst, and a message can never be missed the way an edge can.
 */
class Detector(cfg: Config) extends Component {
  val io = new Bundle {
    val queued = in UInt (log2Up(cfg.queueDepth() + 1) bits)
    val engineBusy = in Bool()
    val irqEnable = in Bool()
    val irqThreshold = in UInt (MsgWidths.queueCountBits(cfg) bits)
    val count = out UInt (MsgWidths.queueCountBits(cfg) bits)
    val notEmpty = out Bool()
    val irq = out Bool()
  }

  io.count := io.queued.resize(MsgWidths.queueCountBits(cfg)) + U(io.engineBusy).resized
  io.notEmpty := io.count =/= 0
  io.irq := io.irqEnable && io.notEmpty && io.count >= io.irqThreshold
}
