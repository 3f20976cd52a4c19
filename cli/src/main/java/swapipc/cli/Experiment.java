package swapipc.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import swapipc.model.ReleasePolicy;
import swapipc.model.SystemConfig;
import swapipc.sim.SystemHarness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The memory-savings experiment on the IpcSystem: for each number of calls in flight and each
 * release policy, the same seeded calls on the RTL with the model beside it; occupancy of both
 * pools, latency, mismatches. Writes results.csv and PNG plots (JFreeChart, headless).
 */
final class Experiment {
    /** The seed's buffer size: what the sizing table counts RAM in. */
    static final int SEED_BUFFER_BYTES = 5 * 1024;

    record Point(int inFlight, ReleasePolicy policy, SystemHarness.Result result) {}

    private Experiment() {}

    /** Every point (calls in flight × policy) on the same seed; a progress bar on standard error counts the points. */
    static List<Point> run(SystemConfig base, SystemHarness.Traffic traffic, List<Integer> inFlight, List<ReleasePolicy> policies,
                           long seed, long cycles) {
        List<Point> points = new ArrayList<>();
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("sim").setInitialMax((long) inFlight.size() * policies.size())
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err)).build()) {
            for (int k : inFlight) {
                for (ReleasePolicy p : policies) {
                    bar.setExtraMessage(k + " in flight, " + p);
                    SystemConfig sys = base.withReleasePolicy(p);
                    SystemHarness.Result r = SystemHarness.run(sys, traffic.withInFlight(k), seed, cycles,
                        SystemHarness.replay(sys, seed, cycles) + " --in-flight " + k);
                    points.add(new Point(k, p, r));
                    bar.step();
                }
            }
        }
        return points;
    }

    static String table(List<Point> points) {
        boolean spill = points.stream().anyMatch(p -> p.result().sys().clientOverflow() + p.result().sys().serverOverflow() > 0);
        StringBuilder sb = new StringBuilder("| in flight | releasePolicy | calls | mismatches | latency mean | latency p99 "
            + "| client pool peak / mean | server pool peak / mean | shared peak (buffers) | shared peak (bytes) |"
            + (spill ? " overflow peak client / server | cycles spilled |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n"
                : "\n|---|---|---|---|---|---|---|---|---|---|\n"));
        for (Point p : points) {
            SystemHarness.Result r = p.result();
            sb.append(String.format(Locale.ROOT, "| %d | %s | %,d | %d | %.0f | %d | %d / %.1f | %d / %.1f | %d | %,d |", p.inFlight(),
                p.policy(), r.replies(), r.passed() ? 0 : 1, r.meanLatency(), r.p99Latency(), r.peakClient(), r.meanClient(),
                r.peakServer(), r.meanServer(), r.peakShared(), (long) r.peakShared() * r.sys().bufferBytes()));
            if (spill) {
                sb.append(String.format(Locale.ROOT, " %d / %d | %.1f %% |", r.peakSpillClient(), r.peakSpillServer(),
                    r.cycles() == 0 ? 0 : 100.0 * r.spillCycles() / r.cycles()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** RAM each policy needs so that no call ever waits for a buffer, at the seed's 5 KiB buffers: the peaks, in KiB. */
    static String sizing(List<Point> points) {
        StringBuilder sb = new StringBuilder("| in flight | releasePolicy | client pool | server pool | RAM at 5 KiB per buffer |\n|---|---|---|---|---|\n");
        for (Point p : points) {
            SystemHarness.Result r = p.result();
            sb.append(String.format(Locale.ROOT, "| %d | %s | %d buffers | %d buffers | %,d KiB |%n", p.inFlight(), p.policy(),
                r.peakClient(), r.peakServer(), (long) (r.peakClient() + r.peakServer()) * SEED_BUFFER_BYTES / 1024));
        }
        return sb.toString();
    }

    static void writeCsv(List<Point> points, Path file) throws IOException {
        StringBuilder sb = new StringBuilder("inFlight,releasePolicy,calls,mismatches,cycles,latencyMean,latencyP99,clientPeak,clientMean,"
            + "serverPeak,serverMean,sharedPeak,sharedPeakBytes,overflowPeakClient,overflowPeakServer,spilledCycles,seed\n");
        for (Point p : points) {
            SystemHarness.Result r = p.result();
            sb.append(String.format(Locale.ROOT, "%d,%s,%d,%d,%d,%.1f,%d,%d,%.2f,%d,%.2f,%d,%d,%d,%d,%d,%d%n", p.inFlight(), p.policy(),
                r.replies(), r.passed() ? 0 : 1, r.cycles(), r.meanLatency(), r.p99Latency(), r.peakClient(), r.meanClient(), r.peakServer(),
                r.meanServer(), r.peakShared(), (long) r.peakShared() * r.sys().bufferBytes(), r.peakSpillClient(), r.peakSpillServer(),
                r.spillCycles(), r.seed()));
        }
        Files.writeString(file, sb.toString());
    }

    /** occupancy.png (peak buffers of each pool vs calls in flight, both policies) and latency.png. */
    static void writePlots(List<Point> points, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYSeriesCollection occupancy = new XYSeriesCollection();
        XYSeriesCollection latency = new XYSeriesCollection();
        for (ReleasePolicy policy : points.stream().map(Point::policy).distinct().toList()) {
            XYSeries client = new XYSeries("client pool, " + policy);
            XYSeries server = new XYSeries("server pool, " + policy);
            XYSeries mean = new XYSeries("mean latency, " + policy);
            XYSeries p99 = new XYSeries("p99 latency, " + policy);
            for (Point p : points) {
                if (p.policy() != policy) continue;
                client.add(p.inFlight(), p.result().peakClient());
                server.add(p.inFlight(), p.result().peakServer());
                mean.add(p.inFlight(), p.result().meanLatency());
                p99.add(p.inFlight(), p.result().p99Latency());
            }
            occupancy.addSeries(client);
            occupancy.addSeries(server);
            latency.addSeries(mean);
            latency.addSeries(p99);
        }
        JFreeChart occ = ChartFactory.createXYLineChart("Peak pool occupancy", "calls in flight", "buffers allocated (peak)", occupancy,
            PlotOrientation.VERTICAL, true, false, false);
        ChartUtils.saveChartAsPNG(dir.resolve("occupancy.png").toFile(), occ, 900, 560);
        JFreeChart lat = ChartFactory.createXYLineChart("Call + reply latency", "calls in flight", "cycles", latency,
            PlotOrientation.VERTICAL, true, false, false);
        ChartUtils.saveChartAsPNG(dir.resolve("latency.png").toFile(), lat, 900, 560);
    }

    /** "peak shared memory at K calls in flight: EARLY X buffers vs ON_RETURN Y (Z× less)", or null without both policies at K. */
    static String headline(List<Point> points, int k) {
        Point early = points.stream().filter(p -> p.inFlight() == k && p.policy() == ReleasePolicy.EARLY).findFirst().orElse(null);
        Point prior = points.stream().filter(p -> p.inFlight() == k && p.policy() == ReleasePolicy.ON_RETURN).findFirst().orElse(null);
        if (early == null || prior == null) return null;
        int e = early.result().peakShared();
        int o = prior.result().peakShared();
        return String.format(Locale.ROOT, "peak shared memory at %d calls in flight: EARLY %d buffers vs ON_RETURN %d (%.1f× less; ratio %.2f)",
            k, e, o, e == 0 ? 0.0 : (double) o / e, o == 0 ? 0.0 : (double) e / o);
    }
}
