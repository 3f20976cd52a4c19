package swapipc.model;

import java.util.List;

/**
 * The boards a bitstream is built for: device, constraint file, oscillator, the clock the PLL
 * makes from it, the IpcUnit configuration that fits, the UART speed and what each LED shows.
 * LED bit 0 is initDone, bit 1 the error flag (any errFlags bit), bit 2 + k endpoint k's irq.
 */
public enum Board {
    /** iCEBreaker: iCE40UP5K-SG48, FTDI channel B on pins 6 (RX) and 9 (TX), LEDs on the board and on the PMOD2 snap-off. */
    ICEBREAKER("icebreaker", "up5k", "sg48", "icebreaker.pcf", 12.0, true, 18.0, List.of("profile=icebreaker", "buffers=8"),
        true, 0b0011, List.of("LEDG_N (green, on board)", "LEDR_N (red, on board)", "PMOD2 LED1", "PMOD2 LED2")),
    /** iCE40-HX8K breakout board: iCE40HX8K-CT256, FTDI channel B on B10 (RX) and B12 (TX), LEDs D9..D6; no user button. */
    HX8K("hx8k", "hx8k", "ct256", "hx8k-breakout.pcf", 12.0, false, 45.0, List.of("inlineBytes=0"),
        false, 0, List.of("D9", "D8", "D7", "D6"));

    public static final int BAUD = 115_200;

    public final String name;
    /** nextpnr-ice40's device and package flags (without the dashes). */
    public final String device;
    public final String pkg;
    /** Under fpga-constraints/. */
    public final String pcf;
    public final double oscillatorMhz;
    /** The oscillator arrives on the PLL's own pad (SB_PLL40_PAD), else through the fabric (SB_PLL40_CORE). */
    public final boolean pllPad;
    /** The clock the PLL is set to (see {@link Pll}) and timing is judged at. */
    public final double clockMhz;
    public final List<String> settings;
    /** A reset button (active low) besides the power-on reset. */
    public final boolean button;
    /** LED bits that are active low on the board. */
    public final int ledActiveLow;
    public final List<String> ledNames;

    Board(String name, String device, String pkg, String pcf, double oscillatorMhz, boolean pllPad, double clockMhz, List<String> settings,
          boolean button, int ledActiveLow, List<String> ledNames) {
        this.name = name;
        this.device = device;
        this.pkg = pkg;
        this.pcf = pcf;
        this.oscillatorMhz = oscillatorMhz;
        this.pllPad = pllPad;
        this.clockMhz = clockMhz;
        this.settings = settings;
        this.button = button;
        this.ledActiveLow = ledActiveLow;
        this.ledNames = ledNames;
    }

    /** The IpcUnit behind the bridge: the board's settings over the defaults, functional ports only. */
    public Config config() {
        Config c = Config.DEFAULT;
        for (String s : settings) c = c.with(s);
        if (ledNames.size() != 2 + c.endpoints()) throw new IllegalStateException(name + ": " + ledNames.size() + " LEDs named for " + c.endpoints() + " endpoints");
        return c.withDebugPorts(false);
    }

    /** The PLL settings that make {@link #clockMhz} from the oscillator. */
    public Pll pll() { return Pll.of(oscillatorMhz, clockMhz); }

    public int clockHz() { return (int) Math.round(pll().outMhz() * 1e6); }

    /** Clock cycles per UART bit. */
    public int baudDivisor() { return baudDivisor(clockHz()); }

    public static int baudDivisor(int clockHz) { return Math.round((float) clockHz / BAUD); }

    public static Board of(String name) {
        for (Board b : values()) if (b.name.equals(name)) return b;
        throw new IllegalArgumentException("unknown board '" + name + "'; known: " + List.of(values()).stream().map(b -> b.name).toList());
    }
}
