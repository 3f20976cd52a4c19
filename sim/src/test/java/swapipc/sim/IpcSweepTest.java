package swapipc.sim;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import swapipc.model.Config;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The IpcUnit at the limits of its parameters under seeded random traffic, scoreboarded by the
 * model like IpcRandomTest and drained. Each configuration puts several parameters at a limit at
 * once, so the default suite covers every limit in four Verilator builds.
 */
class IpcSweepTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "endpoints=16,buffers=1,queueDepth=2,bufferBytes=16,inlineBytes=4",
        "endpoints=3,buffers=2,allocPolicy=SCAN,zeroize=false",
        "buffers=256,queueDepth=64,inlineBytes=128,releasePolicy=ON_RETURN",
        "buffers=33,bufferBytes=8192,inlineBytes=0,releasePolicy=ON_RETURN"})
    void limitsPassUnderRandomTraffic(String settings) {
        Config cfg = Config.DEFAULT;
        for (String s : settings.split(",")) cfg = cfg.with(s);
        IpcHarness.Result r = IpcRandomTest.run(cfg, CallProfile.DEFAULT, 100_000, "IpcSweepTest#limitsPassUnderRandomTraffic[" + settings + "]");
        assertTrue(r.messages() > 0 && r.returns() == r.calls(), r.toString());
    }
}
