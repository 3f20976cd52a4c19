package swapipc.hdl

import spinal.core._
import spinal.lib._
import swapipc.model.{ErrorKind, SystemConfig}

/**
 * The three-party top (claims 1-2, Figs. 3-4): clients share the first memory space with the
 * kernel, servers share the second with it, and the KernelBroker between the two pools' kernel
 * endpoints copies calls and replies buffer to buffer. Each pool is an IpcUnit whose last
 * endpoint is the kernel's; clients and servers have the IpcUnit's endpoint pins
 * (`io_client_c_*`, `io_server_s_*`).
 *
 * errFlags: the two pools' error status (their BufferPorts' refused commands) ORed, and the
 * broker's BrokerError bits above them.
 */
class IpcSystem(sys: SystemConfig) extends Component {
  private val a = sys.clientPool()
  private val b = sys.serverPool()
  private val debug = sys.debugPorts()
  val io = new Bundle {
    val client = Vec(slave(EndpointIo(a)), sys.clients())
    val server = Vec(slave(EndpointIo(b)), sys.servers())
    val initDone = out Bool()
    val clientFreeCount = out UInt (a.countBits() bits)
    val serverFreeCount = out UInt (b.countBits() bits)
    val clientFlags = out Bits (a.buffers() bits)
    val serverFlags = out Bits (b.buffers() bits)
    val clientInTransit = debug generate (out UInt (IpcUnit.inTransitBits(a) bits))
    val serverInTransit = debug generate (out UInt (IpcUnit.inTransitBits(b) bits))
    /** debugPorts: each pool's owner table and `waiting` (IpcUnit's layout). */
    val clientOwners = debug generate (out Bits (a.buffers() * (swapipc.model.OwnerKind.BITS + a.endpointBits()) bits))
    val serverOwners = debug generate (out Bits (b.buffers() * (swapipc.model.OwnerKind.BITS + b.endpointBits()) bits))
    val clientWaiting = debug generate (out Bool())
    val serverWaiting = debug generate (out Bool())
    val threadsBusy = debug generate (out Bits (sys.servers() * sys.threads() bits))
    val callCopied = debug generate master(Flow(UInt(a.indexBits() bits)))
    val returnCopied = debug generate master(Flow(UInt(b.indexBits() bits)))
    val copying = debug generate (out Bits (2 bits))
    val kernelFreedClient = debug generate master(Flow(UInt(a.indexBits() bits)))
    val kernelFreedServer = debug generate master(Flow(UInt(b.indexBits() bits)))
    val errClear = in Bool()
    val errFlags = out Bits (ErrorKind.values().length + swapipc.model.BrokerError.values().length bits)
    val errCount = out UInt (ErrorKind.COUNT_BITS bits)
  }

  val clientPool = new IpcUnit(a, kernel = true, overflow = sys.clientOverflow())
  val serverPool = new IpcUnit(b, kernel = true, overflow = sys.serverOverflow())
  val broker = new KernelBroker(sys)

  for (c <- 0 until sys.clients()) clientPool.io.ep(c) <> io.client(c)
  for (s <- 0 until sys.servers()) serverPool.io.ep(s) <> io.server(s)
  clientPool.io.kernel <> broker.io.client
  serverPool.io.kernel <> broker.io.server
  clientPool.io.errClear := io.errClear
  serverPool.io.errClear := io.errClear
  broker.io.errClear := io.errClear

  io.initDone := clientPool.io.initDone && serverPool.io.initDone
  io.clientFreeCount := clientPool.io.freeCount
  io.serverFreeCount := serverPool.io.freeCount
  io.clientFlags := clientPool.io.flags
  io.serverFlags := serverPool.io.flags
  io.errFlags := broker.io.errFlags ## (clientPool.io.errFlags | serverPool.io.errFlags)
  private val sum = clientPool.io.errCount +^ serverPool.io.errCount
  io.errCount := Mux(sum > ErrorKind.COUNT_MAX, U(ErrorKind.COUNT_MAX, ErrorKind.COUNT_BITS bits), sum.resize(ErrorKind.COUNT_BITS))
  if (debug) {
    io.clientInTransit := clientPool.io.inTransit
    io.serverInTransit := serverPool.io.inTransit
    io.clientOwners := clientPool.io.owners
    io.serverOwners := serverPool.io.owners
    io.clientWaiting := clientPool.io.waiting
    io.serverWaiting := serverPool.io.waiting
    io.threadsBusy := broker.io.threadsBusy
    io.callCopied << broker.io.callCopied
    io.returnCopied << broker.io.returnCopied
    io.copying := broker.io.copying
    io.kernelFreedClient << broker.io.client.freed
    io.kernelFreedServer << broker.io.server.freed
    // The rule the system proof proves (taken as proved inside that proof's own build).
    if (!GenerationFlags.formal.isEnabled) {
      _root_.swapipc.hdl.formal.SystemProperties.conservation(sys, io.initDone, io.clientFreeCount, io.clientInTransit, io.serverFreeCount, io.serverInTransit)
    }
  }
}
