package swapipc.sim.coverage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A functional coverage model: coverpoints with named bins, each with a goal (hits needed; 0 for
 * a bin that is only counted). Benches hit bins as transactions complete; runs are merged across
 * seeds and configurations; a bin hit that was not declared is kept as an observation with goal 0.
 */
public final class FunctionalCoverage {
    /** One bin: its coverpoint, name, goal and hits so far. */
    public record Bin(String point, String name, long goal, long hits) {
        public boolean reached() { return hits >= goal; }
    }

    private final Map<String, long[]> bins = new LinkedHashMap<>(); // key -> {goal, hits}

    private static String key(String point, String bin) { return point + " / " + bin; }

    /** Declares a bin that must be hit {@code goal} times. */
    public FunctionalCoverage declare(String point, String bin, long goal) {
        if (goal < 0) throw new IllegalArgumentException("goal of " + key(point, bin) + " must not be negative, got " + goal);
        bins.computeIfAbsent(key(point, bin), k -> new long[2])[0] = goal;
        return this;
    }

    public void hit(String point, String bin) {
        bins.computeIfAbsent(key(point, bin), k -> new long[2])[1]++;
    }

    /** Adds another run's hits (and any bins it declared) to this one. */
    public void merge(FunctionalCoverage other) {
        for (Map.Entry<String, long[]> e : other.bins.entrySet()) {
            long[] mine = bins.computeIfAbsent(e.getKey(), k -> new long[2]);
            mine[0] = Math.max(mine[0], e.getValue()[0]);
            mine[1] += e.getValue()[1];
        }
    }

    public List<Bin> bins() {
        List<Bin> out = new ArrayList<>();
        for (Map.Entry<String, long[]> e : bins.entrySet()) {
            String[] pb = e.getKey().split(" / ", 2);
            out.add(new Bin(pb[0], pb[1], e.getValue()[0], e.getValue()[1]));
        }
        return out;
    }

    /** The declared bins not yet at their goal. */
    public List<Bin> unreached() {
        return bins().stream().filter(b -> b.goal() > 0 && !b.reached()).toList();
    }

    /** Declared bins at their goal, as a share of all declared bins. */
    public double reachedShare() {
        List<Bin> goals = bins().stream().filter(b -> b.goal() > 0).toList();
        return goals.isEmpty() ? 1 : (double) goals.stream().filter(Bin::reached).count() / goals.size();
    }

    /** Markdown: one row per bin, with hits, goal and whether it is reached. */
    public String table() {
        StringBuilder sb = new StringBuilder("| coverpoint | bin | hits | goal | reached |\n|---|---|---|---|---|\n");
        for (Bin b : bins()) {
            sb.append(String.format("| %s | %s | %,d | %s | %s |%n", b.point(), b.name(), b.hits(), b.goal() == 0 ? "-" : Long.toString(b.goal()),
                b.goal() == 0 ? "(counted)" : b.reached() ? "yes" : "**no**"));
        }
        return sb.toString();
    }
}
