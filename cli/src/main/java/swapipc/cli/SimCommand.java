package swapipc.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import swapipc.model.ReleasePolicy;
import swapipc.model.SystemConfig;
import swapipc.sim.SystemHarness;
import swapipc.sim.Workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "sim", mixinStandardHelpOptions = true,
    description = "The three-party IpcSystem (clients, kernel, servers) on seeded calls, RTL against the model: for each number of "
        + "calls in flight and release policy, calls completed, mismatches, latency, peak and mean occupancy of both pools; "
        + "writes results.csv, occupancy.png and latency.png.")
final class SimCommand implements Callable<Integer> {
    /** Pools large enough that no call waits for a buffer at 64 in flight under either policy, and 64 server threads. */
    static final SystemConfig EXPERIMENT = new SystemConfig(4, 2, 32, 256, 256, 0, 0, 256, 64, ReleasePolicy.EARLY, false);

    /** The seed's pool: 32 buffers (Fig. 5). */
    static final int SEED_BUFFERS = 32;

    @Option(names = "--system", paramLabel = "NAME=VALUE", description = "A system parameter (docs/parameters.md), repeatable; "
        + "the experiment's defaults: " + "clients=4, servers=2, threads=32, clientBuffers=256, serverBuffers=256, queueDepth=64.")
    List<String> settings = new ArrayList<>();

    @Option(names = "--clients", description = "Client endpoints.") Integer clients;
    @Option(names = "--servers", description = "Server endpoints.") Integer servers;
    @Option(names = "--threads", description = "Threads per server.") Integer threads;

    @Option(names = "--in-flight", defaultValue = "1..64", paramLabel = "LIST",
        description = "Calls in flight: a comma list, or A..B for A, 2A, 4A, ... up to B (default ${DEFAULT-VALUE}).")
    String inFlight;

    @Option(names = "--calls", defaultValue = "400", description = "Calls per point (default ${DEFAULT-VALUE}).")
    long calls;

    @Option(names = "--service", defaultValue = "1000:1000", paramLabel = "MIN:SCALE",
        description = "Server service time in cycles: MIN plus a Pareto tail (shape 1.5) of SCALE, capped at 20 SCALE (default ${DEFAULT-VALUE}).")
    String service;

    @Option(names = "--lengths", defaultValue = "4:248", paramLabel = "MIN:MAX", description = "Call argument bytes, uniform (default ${DEFAULT-VALUE}).")
    String lengths;

    @Option(names = "--release", defaultValue = "both", description = "early, on-return or both (default ${DEFAULT-VALUE}).")
    String release;

    @Option(names = "--overflow", defaultValue = "off", description = "on: each pool is the seed's 32 buffers plus a second "
        + "memory area of the rest (224) that its allocator falls back to when the first is empty; off: 256 buffers in one "
        + "(default ${DEFAULT-VALUE}).")
    String overflow;

    @Option(names = "--seed", description = "Traffic seed (default: a fresh one, printed).")
    Long seed;

    @Option(names = "--cycles", defaultValue = "100000000", description = "Cycle limit per point (default ${DEFAULT-VALUE}).")
    long cycles;

    @Option(names = "--out", description = "Output folder (default target/experiment/).")
    Path out;

    @Override
    public Integer call() throws IOException {
        SystemConfig sys = switch (overflow) {
            case "off" -> EXPERIMENT;
            case "on" -> new SystemConfig(EXPERIMENT.clients(), EXPERIMENT.servers(), EXPERIMENT.threads(), SEED_BUFFERS, SEED_BUFFERS,
                EXPERIMENT.clientBuffers() - SEED_BUFFERS, EXPERIMENT.serverBuffers() - SEED_BUFFERS, EXPERIMENT.bufferBytes(),
                EXPERIMENT.queueDepth(), EXPERIMENT.releasePolicy(), false);
            default -> throw new IllegalArgumentException("--overflow must be on or off, got '" + overflow + "'");
        };
        for (String s : settings) sys = sys.with(s);
        if (clients != null) sys = sys.withClients(clients);
        if (servers != null) sys = sys.withServers(servers);
        if (threads != null) sys = sys.withThreads(threads);
        if (calls <= 0) throw new IllegalArgumentException("--calls must be positive, got " + calls);
        if (cycles <= 0) throw new IllegalArgumentException("--cycles must be positive, got " + cycles);
        int[] svc = pair("--service", service, 0);
        int[] len = pair("--lengths", lengths, 1);
        if (len[0] < 4 || len[1] > sys.bufferBytes() - 8) {
            throw new IllegalArgumentException("--lengths must lie in 4.." + (sys.bufferBytes() - 8) + " (a call carries its serial number "
                + "in its first word; a buffer holds bufferBytes - 8 argument bytes), got " + lengths);
        }
        List<ReleasePolicy> policies = switch (release) {
            case "early" -> List.of(ReleasePolicy.EARLY);
            case "on-return" -> List.of(ReleasePolicy.ON_RETURN);
            case "both" -> List.of(ReleasePolicy.EARLY, ReleasePolicy.ON_RETURN);
            default -> throw new IllegalArgumentException("--release must be early, on-return or both, got '" + release + "'");
        };
        for (ReleasePolicy p : policies) sys.withReleasePolicy(p); // validates both policies' minimum pool sizes up front
        List<Integer> points = inFlight(inFlight);
        long s = seed != null ? seed : System.nanoTime();
        SystemHarness.Traffic traffic = new SystemHarness.Traffic(1, len[0], len[1], svc[0], svc[1], calls, -1, 0, -1);
        Path dir = out != null ? out : Workspace.root().resolve("target/experiment");
        Files.createDirectories(dir);
        System.out.println("system:     " + sys.toMap());
        System.out.printf("traffic:    seed %d, %,d calls per point, service %s, lengths %s bytes, in flight %s%n%n", s, calls, service, lengths, points);
        List<Experiment.Point> results = Experiment.run(sys, traffic, points, policies, s, cycles);
        System.out.print(Experiment.table(results));
        System.out.println();
        System.out.println("RAM that keeps every call from waiting for a buffer, at the seed's 5 KiB buffers:");
        System.out.println();
        System.out.print(Experiment.sizing(results));
        Experiment.writeCsv(results, dir.resolve("results.csv"));
        Experiment.writePlots(results, dir);
        int k = points.contains(32) ? 32 : points.get(points.size() - 1);
        String headline = Experiment.headline(results, k);
        System.out.println();
        if (headline != null) System.out.println(headline);
        System.out.println("wrote " + dir.resolve("results.csv") + ", " + dir.resolve("occupancy.png") + ", " + dir.resolve("latency.png"));
        long mismatches = results.stream().filter(p -> !p.result().passed()).count();
        for (Experiment.Point p : results) if (!p.result().passed()) System.out.println("MISMATCH: " + p.result().failure());
        return mismatches == 0 ? 0 : 1;
    }

    private static int[] pair(String option, String text, int min) {
        String[] parts = text.split(":");
        try {
            int a = Integer.parseInt(parts[0].trim());
            int b = Integer.parseInt(parts[1].trim());
            if (parts.length != 2 || a < min || b < a && option.equals("--lengths") || b < 0) throw new NumberFormatException();
            return new int[] {a, b};
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(option + " must be A:B with " + min + " <= A" + (option.equals("--lengths") ? " <= B" : ", B >= 0")
                + ", got '" + text + "'");
        }
    }

    static List<Integer> inFlight(String text) {
        List<Integer> out = new ArrayList<>();
        try {
            if (text.contains("..")) {
                String[] r = text.split("\\.\\.");
                int a = Integer.parseInt(r[0].trim());
                int b = Integer.parseInt(r[1].trim());
                if (a < 1 || b < a) throw new NumberFormatException();
                for (int k = a; k <= b; k *= 2) out.add(k);
            } else {
                for (String p : text.split(",")) {
                    int k = Integer.parseInt(p.trim());
                    if (k < 1) throw new NumberFormatException();
                    out.add(k);
                }
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--in-flight must be a comma list of positive numbers or A..B, got '" + text + "'");
        }
        return out;
    }
}
