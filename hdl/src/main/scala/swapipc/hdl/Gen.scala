package swapipc.hdl

import spinal.core._
import swapipc.model.Config

import scala.jdk.CollectionConverters._

/** Java-callable elaboration entry points (SpinalConfig cannot be built from Java). */
object Gen {
  /** Synchronous active-high reset: what iCE40 logic and the Verilator bridge both expect. */
  val clockDomain: ClockDomainConfig = ClockDomainConfig(resetKind = SYNC, resetActiveLevel = HIGH)

  /**
   * No `*_string` copies of state registers: they exist only for waveform viewers, and they would
   * show up as dead lines in coverage and as unused signals in lint. States stay readable as the
   * `State_*` localparams of each module.
   */
  private def spinalConfig(dir: String): SpinalConfig = SpinalConfig(
    targetDirectory = dir,
    headerWithDate = false,
    headerWithRepoHash = false,
    _withEnumString = false,
    defaultConfigForClockDomains = clockDomain)

  /** Writes `<dir>/<harness>.v`: a unit with its formal properties, for yosys-smtbmc. */
  def properties(harness: String, cfg: Config, dir: String): Unit = {
    spinalConfig(dir).includeFormal.generateVerilog(harness match {
      case "ControlAreaProperties" => new _root_.swapipc.hdl.formal.ControlAreaProperties(cfg)
      case "IndicatorProperties" => new _root_.swapipc.hdl.formal.IndicatorProperties(cfg)
      case "CompareProperties" => new _root_.swapipc.hdl.formal.CompareProperties
      case "RoundRobinArbiterProperties" => new _root_.swapipc.hdl.formal.RoundRobinArbiterProperties(cfg.endpoints())
      case "SystemProperties" => new _root_.swapipc.hdl.formal.SystemProperties(_root_.swapipc.hdl.formal.SystemProperties.system(cfg))
      case "AxiLite4SlaveProperties" => new _root_.swapipc.hdl.formal.BusSlaveProperties(cfg, swapipc.model.BusKind.AXI4_LITE).setDefinitionName(harness)
      case "Apb3SlaveProperties" => new _root_.swapipc.hdl.formal.BusSlaveProperties(cfg, swapipc.model.BusKind.APB3).setDefinitionName(harness)
      case "WishboneSlaveProperties" => new _root_.swapipc.hdl.formal.BusSlaveProperties(cfg, swapipc.model.BusKind.WISHBONE).setDefinitionName(harness)
    })
  }

  /**
   * Writes `<dir>/<name>.v`: `top` for `cfg` as module `name`, every submodule named `<name>_<Unit>`
   * (private namespace), so two tops or two configurations (named apart) can share one design.
   * Returns the top-level ports in declaration order.
   */
  def verilog(top: String, name: String, cfg: Config, dir: String): java.util.List[PortInfo] =
    write(name, dir, top match {
      case "ControlArea" => new ControlArea(cfg)
      case "IpcUnit" => new IpcUnit(cfg)
      case "WaitList" => new WaitList(cfg)
      case "HeldCalls" => new HeldCalls(cfg)
      case "Marshaler" => new Marshaler(cfg)
      case "CopyEngine" => new CopyEngine(cfg)
      case "BufferPort" => new BufferPort(cfg)
      case "ControlAreaChecked" => new _root_.swapipc.hdl.formal.ControlAreaProperties(cfg, fromPorts = true)
      case bus if swapipc.model.BusKind.values().exists(_.top == bus) =>
        new IpcBus(cfg, swapipc.model.BusKind.values().find(_.top == bus).get)
    })

  /** Writes `<dir>/<name>.v`: the three-party IpcSystem, submodules named `<name>_<Unit>`. */
  def systemVerilog(name: String, sys: swapipc.model.SystemConfig, dir: String): java.util.List[PortInfo] =
    write(name, dir, new IpcSystem(sys))

  /** Writes `<dir>/<name>.v`: the board's bitstream top (PLL, reset, bridge, register cores, IpcUnit). */
  def boardVerilog(name: String, board: swapipc.model.Board, dir: String): java.util.List[PortInfo] =
    write(name, dir, new _root_.swapipc.hdl.board.BoardTop(board))

  /** Writes `<dir>/<name>.v`: what the board runs without its clocking, for simulation at the board's baud divisor. */
  def boardCoreVerilog(name: String, board: swapipc.model.Board, dir: String): java.util.List[PortInfo] =
    write(name, dir, new _root_.swapipc.hdl.board.BoardCore(board.config(), board.baudDivisor(), board.clockHz()))

  private def write(name: String, dir: String, top: => Component): java.util.List[PortInfo] = {
    val report = spinalConfig(dir).withPrivateNamespace.generateVerilog(top.setDefinitionName(name))
    report.toplevel.getOrdredNodeIo.map { s =>
      new PortInfo(s.getName(), s.isInput, s.getBitsWidth)
    }.asJava
  }
}
