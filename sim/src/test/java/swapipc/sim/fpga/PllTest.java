package swapipc.sim.fpga;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import swapipc.model.Pll;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** model/Pll picks the SB_PLL40 dividers icepll picks, for the board clocks and a spread of others. */
class PllTest {
    @ParameterizedTest
    @ValueSource(doubles = {18, 45, 16, 30, 36, 48, 75, 100, 133, 275})
    void sameDividersAsIcepll(double mhz) throws Exception {
        Process p = new ProcessBuilder("icepll", "-i", "12", "-o", String.valueOf(mhz)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        Pll pll = Pll.of(12, mhz);
        assertEquals(field(out, "DIVR"), pll.divr(), out);
        assertEquals(field(out, "DIVF"), pll.divf(), out);
        assertEquals(field(out, "DIVQ"), pll.divq(), out);
        assertEquals(field(out, "FILTER_RANGE"), pll.filterRange(), out);
        Matcher achieved = Pattern.compile("F_PLLOUT:\\s+([0-9.]+) MHz \\(achieved\\)").matcher(out);
        achieved.find();
        assertEquals(Double.parseDouble(achieved.group(1)), pll.outMhz(), 0.001, out); // icepll prints three decimals
    }

    private static int field(String out, String name) {
        Matcher m = Pattern.compile(name + ":\\s+(\\d+)").matcher(out);
        if (!m.find()) throw new AssertionError("icepll printed no " + name + ":\n" + out);
        return Integer.parseInt(m.group(1));
    }

    /** Outside 16..275 MHz both refuse. */
    @ParameterizedTest
    @ValueSource(doubles = {12.5, 300})
    void outOfRangeIsRefusedByBoth(double mhz) throws Exception {
        Process p = new ProcessBuilder("icepll", "-i", "12", "-o", String.valueOf(mhz)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.waitFor(), out);
        String msg = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Pll.of(12, mhz)).getMessage();
        assertEquals("an SB_PLL40 makes 16.0 to 275.0 MHz, not " + mhz, msg);
    }
}
