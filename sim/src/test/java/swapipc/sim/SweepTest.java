package swapipc.sim;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import swapipc.model.AllocPolicy;
import swapipc.model.AllocStatus;
import swapipc.model.Config;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pool sizes at and around the edges (1, 2, 32, 33, 256; 31 too with `--long`: a build and 100,000
 * cycles per size and policy, about 10 s each) under both policies, RTL against model.
 */
class SweepTest {
    static Stream<Arguments> configs() {
        Stream<Integer> sizes = Boolean.getBoolean("swapipc.long") ? Stream.of(1, 2, 31, 32, 33, 256) : Stream.of(1, 2, 32, 33, 256);
        return sizes.flatMap(n ->
            Stream.of(AllocPolicy.values()).map(p -> Arguments.of(n, p)));
    }

    @ParameterizedTest(name = "buffers={0} {1}")
    @MethodSource("configs")
    void rtlMatchesModel(int buffers, AllocPolicy policy) {
        Config cfg = Config.DEFAULT.withBuffers(buffers).withAllocPolicy(policy);
        long seed = Seeds.seed("SweepTest " + cfg.toMap());
        Lockstep.Result r = Lockstep.run(cfg, seed, 100_000, Traffic.Profile.DEFAULT, false);
        assertNull(r.firstMismatch(), () -> r.firstMismatch());
        assertTrue(r.allocOk() > 0, "no allocation succeeded");
        assertEquals(buffers, r.peakAllocated(), "the pool never filled");
        assertTrue(r.allocs()[AllocStatus.ERROR.code()] > 0, "no oversize request seen");
    }
}
