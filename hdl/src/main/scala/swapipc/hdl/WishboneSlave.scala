package swapipc.hdl

import spinal.core._
import spinal.lib._
import spinal.lib.bus.wishbone._

/**
 * Wishbone B4 classic to RegBus, 32-bit port with word addresses (ADR is the byte address / 4)
 * and byte selects (SEL). ACK or ERR comes one cycle or more after STB, only while CYC and STB
 * are high; an access the master abandons (CYC or STB low) before the answer still completes
 * inside, and its answer is dropped, never given to the next access. A refused access answers ERR.
 */
class WishboneSlave(addressBits: Int) extends BusSlave {
  val io = new Bundle {
    val wb = slave(Wishbone(WishboneConfig(addressBits - 2, 32, selWidth = 4, useERR = true)))
    val reg = master(RegBus(addressBits))
  }
  def bus: Wishbone = io.wb
  def reg: RegBus = io.reg

  private val active = io.wb.CYC && io.wb.STB
  /** A command is with the core and its answer not back yet. */
  val issued = Reg(Bool()) init False
  /** ...and the master abandoned that access (CYC or STB low before ACK/ERR): its answer is dropped. */
  val stale = Reg(Bool()) init False
  io.reg.cmd.valid := active && !issued
  io.reg.cmd.address := io.wb.ADR @@ U(0, 2 bits)
  io.reg.cmd.write := io.wb.WE
  io.reg.cmd.data := io.wb.DAT_MOSI
  io.reg.cmd.whole := io.wb.SEL.andR
  io.reg.rsp.ready := stale || active
  private val answer = io.reg.rsp.valid && !stale && active
  io.wb.ACK := answer && !io.reg.rsp.error
  io.wb.ERR := answer && io.reg.rsp.error
  io.wb.DAT_MISO := io.reg.rsp.data
  when(io.reg.cmd.fire) { issued := True }
  when(issued && !active && !io.reg.rsp.fire) { stale := True }
  when(io.reg.rsp.fire) {
    issued := False
    stale := False
  }
}
