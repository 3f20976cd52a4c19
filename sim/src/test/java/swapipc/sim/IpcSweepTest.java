package swapipc.sim;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import swapipc.model.Config;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The IpcUnit at the limits of its parameters under seeded random traffic, scoreboarded by the
 * model like IpcRandomTest and drained. Each configuration puts several parameters at a limit at
 * once, so four Verilator builds cover every limit (16 endpoints with `--long`); then a seeded
 * random sample of the product of the limits (one configuration in the default suite, drawn afresh
 * each run, eight with `--long`), each printed with its settings so a failure can be replayed. The default suite's
 * draws have at most 3 endpoints: a 16-endpoint draw took 137 s (its Verilator build) against
 * about 7 s for the others.
 */
class IpcSweepTest {
    /**
     * Fixed configurations, several limits at once. The 16-endpoint one runs with `--long` only: its
     * Verilator build alone took 70–105 s, a third of this class; the default suite keeps the same
     * buffer and queue limits with 4 endpoints, and LintTest lints the 16-endpoint build.
     */
    static List<String> limits() {
        return List.of(
            (Boolean.getBoolean("swapipc.long") ? "endpoints=16" : "endpoints=4") + ",buffers=1,queueDepth=2,bufferBytes=16,inlineBytes=4",
            "endpoints=3,buffers=2,allocPolicy=SCAN,zeroize=false,releasePolicy=ON_RETURN",
            "buffers=256,queueDepth=64,inlineBytes=128,releasePolicy=ON_RETURN",
            "buffers=33,bufferBytes=8192,inlineBytes=0,releasePolicy=ON_RETURN");
    }

    @ParameterizedTest
    @MethodSource("limits")
    void limitsPassUnderRandomTraffic(String settings) {
        Config cfg = Config.DEFAULT;
        for (String s : settings.split(",")) cfg = cfg.with(s);
        IpcHarness.Result r = IpcRandomTest.run(cfg, CallProfile.DEFAULT, 100_000, "IpcSweepTest#limitsPassUnderRandomTraffic[" + settings + "]");
        assertTrue(r.messages() > 0 && r.returns() == r.calls(), r.toString());
    }

    /** Each parameter's values at and next to its limits; the sample draws one of each. */
    private static final String[][] LIMITS = {
        {"endpoints=2", "endpoints=3", "endpoints=16"},
        {"buffers=1", "buffers=2", "buffers=31", "buffers=33", "buffers=256"},
        {"queueDepth=2", "queueDepth=8", "queueDepth=64"},
        {"inlineBytes=0", "inlineBytes=8", "inlineBytes=128"},
        {"bufferBytes=16", "bufferBytes=256", "bufferBytes=8192"},
        {"allocPolicy=LOWEST_FREE", "allocPolicy=SCAN"},
        {"zeroize=true", "zeroize=false"},
        {"releasePolicy=EARLY", "releasePolicy=ON_RETURN"}};

    /**
     * {@code n} configurations drawn from {@code seed}; a draw Config refuses is drawn again, and so
     * is a pool over 256 KiB (the zeroize walk alone would take the run) and a draw with more than
     * {@code maxEndpoints}. Under ON_RETURN with few buffers the traffic keeps fewer calls in
     * flight than buffers (IpcHarness), as docs/integration.md asks of users.
     */
    static List<String> sample(long seed, int n, int maxEndpoints) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> out = new ArrayList<>();
        while (out.size() < n) {
            List<String> pick = new ArrayList<>();
            for (String[] values : LIMITS) pick.add(values[rnd.nextInt(values.length)]);
            String settings = String.join(",", pick);
            try {
                Config cfg = config(settings);
                if ((long) cfg.buffers() * cfg.bufferBytes() > 256 * 1024 || cfg.endpoints() > maxEndpoints) continue;
                out.add(settings);
            } catch (IllegalArgumentException refused) {
                // not a legal configuration: Config says why; draw again
            }
        }
        return out;
    }

    private static Config config(String settings) {
        Config cfg = Config.DEFAULT;
        for (String s : settings.split(",")) cfg = cfg.with(s);
        return cfg;
    }

    static List<String> sampled() {
        long seed = Seeds.seed("IpcSweepTest#sampledConfigurationsPass");
        boolean all = Boolean.getBoolean("swapipc.long");
        return sample(seed, all ? 8 : 1, all ? 16 : 3);
    }

    @ParameterizedTest
    @MethodSource("sampled")
    void sampledConfigurationsPass(String settings) {
        IpcHarness.Result r = IpcRandomTest.run(config(settings), CallProfile.DEFAULT, 50_000, "IpcSweepTest#sampledConfigurationsPass[" + settings + "]");
        assertTrue(r.messages() > 0 && r.returns() == r.calls(), r.toString());
    }
}
