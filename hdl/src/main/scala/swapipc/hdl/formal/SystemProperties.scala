package swapipc.hdl.formal

import spinal.core._
import spinal.core.formal._
import swapipc.hdl.IpcSystem
import swapipc.model.{Config, SystemConfig}

/**
 * Formal harness of the three-party IpcSystem: every client and server pin is free (anyseq), so
 * the endpoints may do anything their pins allow (CALLs, RETURNs, bad kinds, replies on no
 * thread, BufferPort commands, stalls), and the reset only starts the run. Asserted every cycle
 * from the second cycle both pools are initialised: in each pool, freeCount + inTransit = buffers, where
 * inTransit counts every holder of a buffer (Marshalers, queues, CopyEngines, BufferPorts,
 * HeldCalls, the broker's relays). A buffer granted twice, lost by the broker or freed while
 * still held breaks it.
 */
class SystemProperties(sys: SystemConfig) extends Component {
  val dut = new IpcSystem(sys)
  private val io = dut.io
  for (s <- io.flatten if s.isInput) anyseq(s)
  assumeInitial(ClockDomain.current.isResetActive)
  val started = RegNext(True) init False
  when(started) { assume(!ClockDomain.current.isResetActive) }

  // freeCount follows the flags one cycle late: the sums hold from the second cycle of initDone.
  val initialised = RegNext(io.initDone) init False
  when(started && io.initDone && initialised) {
    assert(io.clientFreeCount +^ io.clientInTransit === sys.clientBuffers(), "client pool: free + in transit = buffers")
    assert(io.serverFreeCount +^ io.serverInTransit === sys.serverBuffers(), "server pool: free + in transit = buffers")
  }
}

object SystemProperties {
  /**
   * The proved system for a pool configuration: one client, one server with one thread, both
   * pools with cfg's buffers, bufferBytes, queueDepth and release policy (a Prover job carries a
   * Config).
   */
  def system(cfg: Config): SystemConfig =
    new SystemConfig(1, 1, 1, cfg.buffers(), cfg.buffers(), 0, 0, cfg.bufferBytes(), cfg.queueDepth(), cfg.releasePolicy(), true)
}
