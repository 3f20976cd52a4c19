package swapipc.hdl

import spinal.core._
import spinal.lib._

/** One register access: a byte address, read or write, the word written and whether all its byte lanes are on. */
case class RegCmd(addressBits: Int) extends Bundle {
  val address = UInt(addressBits bits)
  val write = Bool()
  val data = Bits(32 bits)
  val whole = Bool()
}

/** Its answer: the word read (0 for writes), whether it was refused, and which kind of access it answers. */
case class RegRsp() extends Bundle {
  val write = Bool()
  val data = Bits(32 bits)
  val error = Bool()
}

/**
 * The bus-agnostic register bus between a bus wrapper (AXI4-Lite, APB3, Wishbone) and
 * EndpointRegisters: every command gets exactly one answer, in order. An access may take any
 * number of cycles (an action waits for the control area), and fast registers take one
 * command per cycle.
 */
case class RegBus(addressBits: Int) extends Bundle with IMasterSlave {
  val cmd = Stream(RegCmd(addressBits))
  val rsp = Stream(RegRsp())

  override def asMaster(): Unit = {
    master(cmd)
    slave(rsp)
  }
}
