package swapipc.model;

/**
 * iCE40 SB_PLL40 settings for an output clock: F_out = F_in × (DIVF + 1) / ((DIVR + 1) × 2^DIVQ),
 * with the phase detector between 10 and 133 MHz, the VCO between 533 and 1066 MHz and the output
 * between 16 and 275 MHz (the ranges icepll searches and checks; PllTest checks that both pick the same). The closest achievable
 * frequency wins; among equals the lowest DIVR (the first found).
 */
public record Pll(double inMhz, int divr, int divf, int divq, int filterRange, double outMhz) {
    public static final double MIN_OUT_MHZ = 16;
    public static final double MAX_OUT_MHZ = 275;

    public static Pll of(double inMhz, double wantMhz) {
        if (wantMhz < MIN_OUT_MHZ || wantMhz > MAX_OUT_MHZ) {
            throw new IllegalArgumentException("an SB_PLL40 makes " + MIN_OUT_MHZ + " to " + MAX_OUT_MHZ + " MHz, not " + wantMhz);
        }
        Pll best = null;
        for (int divr = 0; divr <= 15; divr++) {
            double pfd = inMhz / (divr + 1);
            if (pfd < 10 || pfd > 133) continue;
            for (int divf = 0; divf <= 127; divf++) {
                double vco = pfd * (divf + 1);
                if (vco < 533 || vco > 1066) continue;
                for (int divq = 1; divq <= 6; divq++) {
                    double out = vco / (1 << divq);
                    if (best == null || Math.abs(out - wantMhz) < Math.abs(best.outMhz - wantMhz)) {
                        best = new Pll(inMhz, divr, divf, divq, filterRange(pfd), out);
                    }
                }
            }
        }
        if (best == null) throw new IllegalArgumentException("no PLL setting from " + inMhz + " MHz");
        return best;
    }

    private static int filterRange(double pfd) {
        return pfd < 17 ? 1 : pfd < 26 ? 2 : pfd < 44 ? 3 : pfd < 66 ? 4 : pfd < 101 ? 5 : 6;
    }
}
