package swapipc.sim;

import swapipc.model.AllocStatus;
import swapipc.model.Config;
import swapipc.model.ControlArea;
import swapipc.model.CyclePins;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Allocation latency and throughput, measured on the RTL in lockstep with the model (a figure is
 * only reported if the RTL agreed with the model on every cycle that produced it).
 */
public final class AllocBench {
    private static final String REPLAY = "./swapipc test -Dtest=AllocPerformanceTest (deterministic)";

    private AllocBench() {}

    /** Per port, allocations and frees completed per cycle when every port asks for both every cycle. */
    public record Throughput(Config config, long cycles, double allocsPerCyclePerPort, double freesPerCyclePerPort) {}

    /** Cycles from an accepted request to its answer, with {@code occupied} buffers already allocated. */
    public record Latency(Config config, int occupied, int cycles, AllocStatus status) {}

    public static Throughput throughput(Config cfg, int window) {
        int warmup = cfg.buffers() + 8;
        long[] allocs = new long[1];
        long[] frees = new long[1];
        Stimulus s = new Stimulus() {
            final ArrayDeque<Long> granted = new ArrayDeque<>();

            @Override
            public void next(long cycle, CyclePins p, ControlArea area) {
                Arrays.fill(p.allocValid, true);
                Arrays.fill(p.allocRspReady, true);
                Arrays.fill(p.freeRspReady, true);
                for (int q = 0; q < cfg.ports(); q++) {
                    p.freeValid[q] = !granted.isEmpty();
                    p.freeRef[q] = granted.isEmpty() ? 0 : granted.poll();
                }
            }

            @Override
            public void observe(long cycle, CyclePins p) {
                for (int q = 0; q < cfg.ports(); q++) {
                    if (p.allocRspValid[q] && p.allocRspStatus[q] == AllocStatus.OK.code()) granted.add(p.allocRspRef[q]);
                    if (cycle < warmup) continue;
                    if (p.allocValid[q] && p.allocReady[q]) allocs[0]++;
                    if (p.freeValid[q] && p.freeReady[q]) frees[0]++;
                }
            }
        };
        Lockstep.Result r = Lockstep.run(cfg, s, 0, REPLAY, warmup + window, false);
        check(r);
        double perPort = (double) window * cfg.ports();
        return new Throughput(cfg, window, allocs[0] / perPort, frees[0] / perPort);
    }

    /** One port: fill {@code occupied} buffers, then, with every answer in, time one more request. */
    public static Latency latency(Config cfg, int occupied) {
        int[] result = {-1, -1};
        Stimulus s = new Stimulus() {
            int fires;
            int answers;
            long timedFire = -1;

            @Override
            public void next(long cycle, CyclePins p, ControlArea area) {
                Arrays.fill(p.allocRspReady, true);
                p.allocValid[0] = fires < occupied || (fires == occupied && answers == occupied);
            }

            @Override
            public void observe(long cycle, CyclePins p) {
                if (p.allocRspValid[0] && ++answers == occupied + 1) {
                    result[0] = (int) (cycle - timedFire);
                    result[1] = p.allocRspStatus[0];
                }
                if (p.allocValid[0] && p.allocReady[0] && ++fires == occupied + 1) timedFire = cycle;
            }
        };
        Lockstep.Result r = Lockstep.run(cfg.withPorts(1), s, 0, REPLAY, cfg.buffers() * (occupied + 3L) + 16, false);
        check(r);
        if (result[0] < 0) throw new IllegalStateException("no answer to the timed request at occupancy " + occupied);
        return new Latency(cfg, occupied, result[0], AllocStatus.ofCode(result[1]));
    }

    private static void check(Lockstep.Result r) {
        if (r.firstMismatch() != null) throw new AssertionError("RTL/model mismatch while measuring: " + r.firstMismatch());
    }
}
