package swapipc.sim.fpga;

import swapipc.hdl.Generator;

import java.util.Arrays;
import java.util.List;

/**
 * The iCE40 devices the flow targets, with their capacity and the clock each top must reach on
 * them (issue 9's must-show figures; `--freq` sets another target).
 */
public enum Device {
    /** iCEBreaker's iCE40UP5K in the SG48 package. */
    UP5K("up5k", "sg48", 5280, 30, 4, 48.0, 30.0),
    /** iCE40HX8K in the CT256 package (the HX8K breakout board). */
    HX8K("hx8k", "ct256", 7680, 32, 0, 100.0, 75.0);

    public final String name;
    public final String pkg;
    public final int logicCells;
    public final int blockRams;
    public final int spRams;
    private final double controlAreaMhz;
    private final double ipcUnitMhz;

    Device(String name, String pkg, int logicCells, int blockRams, int spRams, double controlAreaMhz, double ipcUnitMhz) {
        this.name = name;
        this.pkg = pkg;
        this.logicCells = logicCells;
        this.blockRams = blockRams;
        this.spRams = spRams;
        this.controlAreaMhz = controlAreaMhz;
        this.ipcUnitMhz = ipcUnitMhz;
    }

    /** The clock a top must reach on this device unless told otherwise. */
    public double requiredMhz(Generator.Top top) {
        return top == Generator.Top.CONTROL_AREA ? controlAreaMhz : ipcUnitMhz;
    }

    /** nextpnr-ice40's device flags. */
    public List<String> nextpnrFlags() { return List.of("--" + name, "--package", pkg); }

    /** The largest share of logic cells and block RAMs a top may take, leaving room for a bus wrapper and a UART bridge. */
    public static final double MAX_LOGIC_SHARE = 0.75;
    public static final double MAX_BRAM_SHARE = 0.90;

    public static Device of(String name) {
        return Arrays.stream(values()).filter(d -> d.name.equalsIgnoreCase(name)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("unknown device '" + name + "': expected one of "
                + Arrays.stream(values()).map(d -> d.name).toList()));
    }
}
