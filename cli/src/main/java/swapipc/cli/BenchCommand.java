package swapipc.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import swapipc.model.AllocPolicy;
import swapipc.model.Config;
import swapipc.sim.AllocBench;
import swapipc.sim.Bench;
import swapipc.sim.CallProfile;
import swapipc.sim.IpcBench;
import swapipc.sim.IpcHarness;
import swapipc.sim.bridge.Simulation;

import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Simulation speed (batched JNI, per-signal JNI, native C++ loop, interleaved), allocation "
        + "latency/throughput, and the message path (call latency, copy rate, occupancy by release policy). "
        + "Prints Markdown for docs/benchmarks.md.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--cycles", defaultValue = "1000000", description = "Cycles per mode per round (default ${DEFAULT-VALUE}).")
    int cycles;

    @Option(names = "--rounds", defaultValue = "5", description = "Interleaved rounds after one warm-up (default ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() {
        if (cycles <= 0 || rounds <= 0) throw new IllegalArgumentException("--cycles and --rounds must be positive");
        Config cfg = Config.DEFAULT;
        Bench.Report b = Bench.run(cfg, cycles, rounds, 1);
        System.out.printf("## Simulation speed (%s, %,d cycles per mode per round, %d rounds)%n%n",
            cfg.toMap(), b.cycles(), rounds);
        System.out.println("| round | (a) batched JNI | (b) JNI per signal | (c) native C++ loop | a/c | b/c |");
        System.out.println("|---|---|---|---|---|---|");
        int i = 1;
        for (Bench.Speed s : b.rounds()) {
            System.out.printf("| %d | %.2f M/s | %.2f M/s | %.2f M/s | %.2f | %.2f |%n", i++, s.batch() / 1e6,
                s.perSignal() / 1e6, s.nativeLoop() / 1e6, s.batch() / s.nativeLoop(), s.perSignal() / s.nativeLoop());
        }
        System.out.printf("| **median** | %.2f M/s | %.2f M/s | %.2f M/s | **%.2f** | **%.2f** |%n%n", b.medianBatch() / 1e6,
            b.medianPerSignal() / 1e6, b.medianNative() / 1e6, b.batchRatio(), b.perSignalRatio());

        System.out.println("## Allocation throughput (every port requests an allocation and a free every cycle)");
        System.out.println();
        System.out.println("| policy | ports | allocations / cycle / port | frees / cycle / port |");
        System.out.println("|---|---|---|---|");
        for (AllocPolicy p : AllocPolicy.values()) {
            AllocBench.Throughput t = AllocBench.throughput(cfg.withAllocPolicy(p), 10_000);
            System.out.printf("| %s | %d | %.3f | %.3f |%n", p, cfg.ports(), t.allocsPerCyclePerPort(), t.freesPerCyclePerPort());
        }
        System.out.println();
        System.out.printf("## Allocation latency, n = %d (cycles from accepted request to answer)%n%n", cfg.buffers());
        int[] occupancy = {0, 1, 8, 16, 24, 31, 32};
        StringBuilder head = new StringBuilder("| policy |");
        StringBuilder rule = new StringBuilder("|---|");
        for (int k : occupancy) {
            head.append(" ").append(k).append(" allocated |");
            rule.append("---|");
        }
        System.out.println(head);
        System.out.println(rule);
        for (AllocPolicy p : AllocPolicy.values()) {
            StringBuilder row = new StringBuilder("| " + p + " |");
            for (int k : occupancy) {
                AllocBench.Latency l = AllocBench.latency(cfg.withAllocPolicy(p), k);
                row.append(" ").append(l.cycles()).append(l.status() == swapipc.model.AllocStatus.OK ? "" : " (" + l.status() + ")").append(" |");
            }
            System.out.println(row);
        }
        System.out.println();
        printMessagePath(cfg);
        return 0;
    }

    /** Cycle counts of the IpcUnit: simulated cycles, so exact and repeatable. */
    private static void printMessagePath(Config cfg) {
        System.out.println("## Message path (IpcUnit, cycles)");
        System.out.println();
        System.out.println("| call + reply | cycles | copy-bound lower bound | ratio |");
        System.out.println("|---|---|---|---|");
        for (int bytes : new int[] {16, 64, 248}) {
            IpcBench.Latency l = IpcBench.callAndReply(cfg, bytes);
            System.out.printf("| %d B + %d B | %d | %d | %.3f |%n", bytes, bytes, l.cycles(), l.lowerBound(), l.ratio());
        }
        System.out.println();
        System.out.println("| bufferBytes | short message | buffer-long message | copy words / cycle | fixed overhead |");
        System.out.println("|---|---|---|---|---|");
        for (int bufferBytes : new int[] {256, 8192}) {
            IpcBench.CopyRate c = IpcBench.copyRate(cfg.withBufferBytes(bufferBytes));
            System.out.printf("| %d | %d words in %d cycles | %d words in %d cycles | %.3f | %d cycles |%n", bufferBytes, c.shortWords(),
                c.shortCycles(), c.longWords(), c.longCycles(), c.wordsPerCycle(), c.overhead());
        }
        System.out.println();
        Config pool = cfg.withBuffers(64);
        long cycles = 400_000;
        System.out.printf("## Pool occupancy, EARLY vs ON_RETURN (buffers = %d, %,d cycles, seed 1, %s)%n%n", pool.buffers(), cycles,
            CallProfile.occupancy(32).describe());
        System.out.println("| calls in flight | calls done (EARLY / ON_RETURN) | peak EARLY | peak ON_RETURN | peak ratio | mean EARLY | mean ON_RETURN |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int inFlight : new int[] {8, 16, 32}) {
            IpcBench.Occupancy o = IpcBench.occupancy(pool, inFlight, 1, cycles);
            System.out.printf("| %d | %,d / %,d | %d | %d | %.2f | %.2f | %.2f |%n", inFlight, o.early().calls(), o.onReturn().calls(),
                o.early().peakOccupancy(), o.onReturn().peakOccupancy(),
                (double) o.early().peakOccupancy() / o.onReturn().peakOccupancy(), o.early().meanOccupancy(), o.onReturn().meanOccupancy());
        }
        System.out.println();
        long busy = 200_000;
        System.out.printf("## Zeroize cost (buffers = %d, %,d cycles, seed 1, %s)%n%n", cfg.buffers(), busy, IpcBench.WRITE_BOUND.describe());
        System.out.println("| zeroize | calls done | pool words written / cycle (message words, twice with zeroize) | peak occupancy | mean occupancy |");
        System.out.println("|---|---|---|---|---|");
        for (boolean zeroize : new boolean[] {false, true}) {
            IpcHarness.Result r = IpcBench.throughput(cfg.withZeroize(zeroize), 1, busy);
            System.out.printf("| %s | %,d | %.2f | %d | %.1f |%n", zeroize, r.calls(), IpcBench.writesPerCycle(r), r.peakOccupancy(),
                r.meanOccupancy());
        }
    }
}
