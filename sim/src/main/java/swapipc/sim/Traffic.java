package swapipc.sim;

import swapipc.model.Config;
import swapipc.model.ControlArea;
import swapipc.model.CyclePins;

import java.util.SplittableRandom;

/**
 * Seeded random stimulus for the control area, one cycle at a time. It looks at the reference
 * model's flags to choose what to free, so most frees hit allocated buffers while a set share
 * are double frees and bad references. Load swings between filling and draining phases so the
 * pool is regularly exhausted and regularly empty. Everything follows from the seed.
 */
public final class Traffic implements Stimulus {
    /**
     * Odds per port per cycle; {@code bad} is the share of requests that are deliberately wrong;
     * {@code reset} and {@code reinit} are odds per cycle of a reset or a reinit in mid-traffic.
     */
    public record Profile(double stall, double bad, int phaseCycles, double reset, double reinit, double errClear) {
        public static final Profile DEFAULT = new Profile(0.2, 0.05, 4000, 1.0 / 500_000, 1.0 / 200_000, 1.0 / 2_000);
        /** The bad-input campaign: nearly a third of all requests are wrong, resets and reinits are frequent. */
        public static final Profile CAMPAIGN = new Profile(0.3, 0.3, 2000, 1.0 / 50_000, 1.0 / 50_000, 1.0 / 5_000);
    }

    private static final double[][] PHASES = {{0.9, 0.15}, {0.15, 0.9}, {0.5, 0.5}, {1.0, 1.0}};

    private final Config cfg;
    private final Profile profile;
    private final SplittableRandom rnd;
    private double allocRate;
    private double freeRate;

    public Traffic(Config cfg, long seed, Profile profile) {
        this.cfg = cfg;
        this.profile = profile;
        this.rnd = new SplittableRandom(seed);
    }

    @Override
    public void next(long cycle, CyclePins pins, ControlArea area) {
        if (cycle % profile.phaseCycles() == 0) {
            double[] phase = PHASES[rnd.nextInt(PHASES.length)];
            allocRate = phase[0];
            freeRate = phase[1];
        }
        for (int p = 0; p < cfg.ports(); p++) {
            pins.allocValid[p] = rnd.nextDouble() < allocRate;
            pins.allocBytes[p] = rnd.nextDouble() < profile.bad()
                ? cfg.bufferBytes() + 1 + rnd.nextInt(0xffff - cfg.bufferBytes())
                : rnd.nextInt(cfg.bufferBytes() + 1);
            pins.allocRspReady[p] = rnd.nextDouble() >= profile.stall();
            long ref = freeTarget(area);
            pins.freeValid[p] = ref >= 0 && rnd.nextDouble() < freeRate;
            pins.freeRef[p] = Math.max(ref, 0) & 0xFFFF_FFFFL; // the RTL port is 32 bits wide
            pins.freeRspReady[p] = rnd.nextDouble() >= profile.stall();
        }
        pins.reset = rnd.nextDouble() < profile.reset();
        pins.reinit = rnd.nextDouble() < profile.reinit();
        pins.errClear = rnd.nextDouble() < profile.errClear();
    }

    /** A reference to free, or -1 when an allocated buffer was wanted and none is allocated. */
    private long freeTarget(ControlArea area) {
        double r = rnd.nextDouble();
        if (r < profile.bad() / 2) return badRef();
        int n = cfg.buffers();
        int start = rnd.nextInt(n);
        // Mostly an allocated buffer; a share of deliberate double frees of a free one.
        boolean wantAllocated = r >= profile.bad();
        for (int k = 0; k < n; k++) {
            int i = (start + k) % n;
            if ((area.flag(i) == ControlArea.ALLOCATED) == wantAllocated) return cfg.ref(i);
        }
        return wantAllocated ? -1 : cfg.ref(start);
    }

    /** A reference that is not a buffer start: inside a buffer, below the pool, or past its end. */
    private long badRef() {
        long end = cfg.poolBase() + (long) cfg.buffers() * cfg.bufferBytes();
        switch (rnd.nextInt(4)) {
            case 0: return cfg.ref(rnd.nextInt(cfg.buffers())) + 1 + rnd.nextInt(cfg.bufferBytes() - 1);
            case 1: return cfg.poolBase() == 0 ? end : rnd.nextLong(cfg.poolBase());
            case 2: return end + (long) rnd.nextInt(4) * cfg.bufferBytes();
            default: return rnd.nextLong(1L << 32);
        }
    }
}
