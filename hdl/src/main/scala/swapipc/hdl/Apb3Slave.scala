package swapipc.hdl

import spinal.core._
import spinal.lib._
import spinal.lib.bus.amba3.apb._

/**
 * APB3 to RegBus. The access is handed to the register core in its setup phase (address and
 * data are valid then), and PREADY rises in the access phase once the core has answered, so a
 * plain register takes the two cycles APB allows at best. A refused access answers PSLVERR.
 * APB3 has no byte strobes: every write is a whole word.
 */
class Apb3Slave(addressBits: Int) extends BusSlave {
  val io = new Bundle {
    val apb = slave(Apb3(Apb3Config(addressBits, 32)))
    val reg = master(RegBus(addressBits))
  }
  def bus: Apb3 = io.apb
  def reg: RegBus = io.reg

  /** The current transfer has been handed to the core; its answer is awaited. */
  val issued = Reg(Bool()) init False
  io.reg.cmd.valid := io.apb.PSEL(0) && !issued
  io.reg.cmd.address := io.apb.PADDR
  io.reg.cmd.write := io.apb.PWRITE
  io.reg.cmd.data := io.apb.PWDATA
  io.reg.cmd.whole := True
  // The answer is taken only in the access phase, where PREADY is sampled.
  io.reg.rsp.ready := io.apb.PSEL(0) && io.apb.PENABLE
  io.apb.PREADY := io.reg.rsp.valid
  io.apb.PRDATA := io.reg.rsp.data
  io.apb.PSLVERROR := io.reg.rsp.error
  when(io.reg.cmd.fire) { issued := True }
  when(io.reg.rsp.fire) { issued := False }
}
