package swapipc.hdl

import spinal.core._
import spinal.lib._
import spinal.lib.bus.amba4.axilite._

/**
 * AXI4-Lite to RegBus. AW and W are taken in either order or together (joined after a skid
 * buffer each); reads and writes share the register bus, round-robin. Every ready output comes
 * from a register and B and R are registered and held under back-pressure, so no input reaches
 * an output combinationally; at full rate one access per cycle. A refused access answers SLVERR.
 */
class AxiLite4Slave(addressBits: Int) extends BusSlave {
  val io = new Bundle {
    val axi = slave(AxiLite4(AxiLite4Config(addressBits, 32)))
    val reg = master(RegBus(addressBits))
  }
  def bus: AxiLite4 = io.axi
  def reg: RegBus = io.reg

  private val aw = io.axi.aw.s2mPipe()
  private val w = io.axi.w.s2mPipe()
  private val ar = io.axi.ar.s2mPipe()

  private val write = StreamJoin(aw, w).translateWith {
    val c = RegCmd(addressBits)
    c.address := aw.addr
    c.write := True
    c.data := w.data
    c.whole := w.strb.andR
    c
  }
  private val read = ar.translateWith {
    val c = RegCmd(addressBits)
    c.address := ar.addr
    c.write := False
    c.data := 0
    c.whole := True
    c
  }
  val arbiter = new RoundRobinArbiter(RegCmd(addressBits), 2)
  arbiter.io.inputs(0) << read
  arbiter.io.inputs(1) << write
  io.reg.cmd << arbiter.io.output

  private val rsp = io.reg.rsp
  private val toR = Stream(AxiLite4R(io.axi.config))
  toR.valid := rsp.valid && !rsp.write
  toR.data := rsp.data
  toR.resp := Mux(rsp.error, AxiLite4.resp.SLVERR, AxiLite4.resp.OKAY)
  private val toB = Stream(AxiLite4B(io.axi.config))
  toB.valid := rsp.valid && rsp.write
  toB.resp := Mux(rsp.error, AxiLite4.resp.SLVERR, AxiLite4.resp.OKAY)
  rsp.ready := Mux(rsp.write, toB.ready, toR.ready)
  io.axi.r << toR.m2sPipe()
  io.axi.b << toB.m2sPipe()
}
