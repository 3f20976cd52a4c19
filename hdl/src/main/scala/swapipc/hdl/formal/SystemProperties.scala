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
 * still held breaks it. Simulation builds of the IpcSystem assert the same rule on their own ports.
 */
class SystemProperties(sys: SystemConfig) extends Component {
  val dut = new IpcSystem(sys)
  private val io = dut.io
  for (s <- io.flatten if s.isInput) anyseq(s)
  assumeInitial(ClockDomain.current.isResetActive)
  val started = RegNext(True) init False
  when(started) { assume(!ClockDomain.current.isResetActive) }

  SystemProperties.conservation(sys, io.initDone, io.clientFreeCount, io.clientInTransit, io.serverFreeCount, io.serverInTransit)
}

object SystemProperties {
  /**
   * The proved rule, stated on the system's ports; also an assertion of every IpcSystem simulation
   * build. freeCount follows the flags one cycle late: the sums hold from the second cycle of initDone.
   */
  def conservation(sys: SystemConfig, initDone: Bool, clientFree: UInt, clientInTransit: UInt, serverFree: UInt, serverInTransit: UInt): Unit = {
    val started = (RegNext(True) init False).setName("conservationStarted")
    val initialised = (RegNext(initDone) init False).setName("conservationInitialised")
    when(started && initDone && initialised) {
      assert(clientFree +^ clientInTransit === sys.clientPool().buffers(), "client pool: free + in transit = buffers")
      assert(serverFree +^ serverInTransit === sys.serverPool().buffers(), "server pool: free + in transit = buffers")
    }
  }

  /**
   * The proved system for a pool configuration: one client, one server with one thread, both
   * pools with cfg's buffers, bufferBytes, queueDepth and release policy (a Prover job carries a
   * Config).
   */
  def system(cfg: Config): SystemConfig =
    new SystemConfig(1, 1, 1, cfg.buffers(), cfg.buffers(), 0, 0, cfg.bufferBytes(), cfg.queueDepth(), cfg.releasePolicy(), true)
}
