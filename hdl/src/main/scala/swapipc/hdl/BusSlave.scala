package swapipc.hdl

import spinal.core._
import spinal.lib._
import swapipc.model.BusKind

/** A bus wrapper: a slave port of some bus on one side, the register core's RegBus on the other. */
abstract class BusSlave extends Component {
  def bus: Bundle with IMasterSlave
  def reg: RegBus
}

object BusSlave {
  def apply(kind: BusKind, addressBits: Int): BusSlave = kind match {
    case BusKind.AXI4_LITE => new AxiLite4Slave(addressBits)
    case BusKind.APB3 => new Apb3Slave(addressBits)
    case BusKind.WISHBONE => new WishboneSlave(addressBits)
  }
}
