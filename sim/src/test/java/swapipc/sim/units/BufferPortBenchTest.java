package swapipc.sim.units;

import org.junit.jupiter.api.Test;
import swapipc.model.AccessStatus;
import swapipc.model.BufferOp;
import swapipc.model.Config;
import swapipc.sim.Seeds;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** One BufferPort against the model's decisions, with the owner table, allocator, FlagTaker, Deallocator and pool played by the bench. */
class BufferPortBenchTest {
    private static final String REPLAY = "mvn -pl sim test -Dtest=BufferPortBenchTest -Dswapipc.seed=";

    @Test
    void everyCommandIsRefusedOrCarriedOutAsTheModelDecides() {
        long seed = Seeds.seed("BufferPortBenchTest");
        for (String shape : new String[] {"buffers=8", "buffers=4,zeroize=false,endpoints=3"}) {
            Config cfg = Config.DEFAULT;
            for (String s : shape.split(",")) cfg = cfg.with(s);
            BufferPortBench bench = new BufferPortBench(cfg, seed, REPLAY);
            UnitBench.Result r = bench.run(30_000);
            System.out.println("BufferPortBenchTest " + shape + ": " + r.transactions() + " commands answered, " + r.resets() + " resets");
            assertTrue(r.passed(), r.failure());
            // The traffic must reach every outcome of every operation, or the run proved less than it claims.
            for (BufferOp op : List.of(BufferOp.CLAIM, BufferOp.TAKE)) {
                for (AccessStatus s : List.of(AccessStatus.OK, AccessStatus.NONE)) assertTrue(bench.answered(op, s) > 0, "no " + op + " answered " + s);
            }
            assertTrue(bench.answered(BufferOp.TAKE, AccessStatus.INVALID_REF) > 0, "no TAKE of a bad reference");
            for (BufferOp op : List.of(BufferOp.READ, BufferOp.WRITE)) {
                for (AccessStatus s : List.of(AccessStatus.OK, AccessStatus.INVALID_REF, AccessStatus.FOREIGN, AccessStatus.OUT_OF_RANGE)) {
                    assertTrue(bench.answered(op, s) > 0, "no " + op + " answered " + s);
                }
            }
            for (AccessStatus s : List.of(AccessStatus.OK, AccessStatus.INVALID_REF, AccessStatus.FOREIGN, AccessStatus.DOUBLE_FREE)) {
                assertTrue(bench.answered(BufferOp.FREE, s) > 0, "no FREE answered " + s);
            }
        }
    }
}
