package swapipc.sim;

import org.junit.jupiter.api.Test;
import swapipc.model.AllocPolicy;
import swapipc.model.AllocStatus;
import swapipc.model.Config;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Cycle counts, not timings: LOWEST_FREE's 1 alloc + 1 free per cycle per port and 2-cycle latency; SCAN's walk. */
class AllocPerformanceTest {
    @Test
    void lowestFreeSustainsOneAllocationAndOneFreePerCyclePerPort() {
        for (int ports : new int[] {1, 2, 4}) {
            AllocBench.Throughput t = AllocBench.throughput(Config.DEFAULT.withPorts(ports), 5000);
            assertEquals(1.0, t.allocsPerCyclePerPort(), "allocations per cycle per port, " + ports + " ports");
            assertEquals(1.0, t.freesPerCyclePerPort(), "frees per cycle per port, " + ports + " ports");
        }
    }

    @Test
    void lowestFreeAnswersInTwoCyclesAtAnyOccupancy() {
        for (int k : new int[] {0, 1, 16, 31}) {
            assertEquals(new AllocBench.Latency(Config.DEFAULT, k, 2, AllocStatus.OK), AllocBench.latency(Config.DEFAULT, k));
        }
        assertEquals(AllocStatus.NONE, AllocBench.latency(Config.DEFAULT, 32).status());
        assertEquals(2, AllocBench.latency(Config.DEFAULT, 32).cycles());
    }

    @Test
    void scanTakesOneCyclePerFlagItWalks() {
        Config scan = Config.DEFAULT.withAllocPolicy(AllocPolicy.SCAN);
        for (int k : new int[] {0, 1, 16, 31}) assertEquals(k + 2, AllocBench.latency(scan, k).cycles());
        AllocBench.Latency full = AllocBench.latency(scan, 32);
        assertEquals(AllocStatus.NONE, full.status());
        assertEquals(33, full.cycles());
    }
}
