package swapipc.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import swapipc.sim.bridge.NativeBuild;

/**
 * Merges the Verilator coverage files written under -Dswapipc.coverage=DIR (one folder per
 * model) and reports, per configuration and per unit (Verilog module), how many line and toggle
 * points were hit, plus every point never hit. Also writes an lcov file per configuration.
 */
public final class CoverageReport {
    /** Points of one kind ("line", "toggle", ...) in one unit. */
    public record Tally(int points, int hit) {}

    /** One configuration: its parameter header, tallies by unit then kind, and the points never hit. */
    public record Design(String name, String parameters, Map<String, Map<String, Tally>> units, List<String> missed) {}

    private CoverageReport() {}

    public static List<Design> read(Path dir) {
        List<Design> designs = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(dir)) {
            for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) designs.add(readDesign(d));
        } catch (IOException e) {
            throw new UncheckedIOException("reading coverage from " + dir + ": " + e.getMessage(), e);
        }
        return designs;
    }

    private static Design readDesign(Path d) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        try (Stream<Path> files = Files.list(d)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".dat")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (!line.startsWith("C '")) continue;
                    int end = line.lastIndexOf('\'');
                    counts.merge(line.substring(3, end), Long.parseLong(line.substring(end + 1).trim()), Long::sum);
                }
            }
        }
        Map<String, Map<String, Tally>> units = new TreeMap<>();
        List<String> missed = new ArrayList<>();
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            Map<String, String> kv = fields(e.getKey());
            String page = kv.getOrDefault("page", "v_other/?");
            String kind = page.substring(2, page.indexOf('/'));
            String unit = page.substring(page.indexOf('/') + 1);
            boolean hit = e.getValue() > 0;
            units.computeIfAbsent(unit, u -> new TreeMap<>()).merge(kind, new Tally(1, hit ? 1 : 0),
                (a, b) -> new Tally(a.points() + b.points(), a.hit() + b.hit()));
            if (!hit) {
                missed.add(String.format("%s %s line %s: %s", unit, kind, kv.get("l"), kv.getOrDefault("o", "")));
            }
        }
        StringBuilder params = new StringBuilder();
        for (String line : Files.readAllLines(d.resolve("design.v"))) {
            if (!line.startsWith("// ") || line.startsWith("// Generator")) break;
            if (line.contains(" = ")) params.append(params.length() == 0 ? "" : ", ").append(line.substring(3));
        }
        return new Design(d.getFileName().toString(), params.toString(), units, missed);
    }

    /** Verilator's coverage key: fields separated by \001, name and value by \002. */
    private static Map<String, String> fields(String key) {
        Map<String, String> kv = new TreeMap<>();
        for (String field : key.split("\u0001")) {
            int sep = field.indexOf('\u0002');
            if (sep > 0) kv.put(field.substring(0, sep), field.substring(sep + 1));
        }
        return kv;
    }

    /** Writes {@code dir/<design>.info} in lcov format with verilator_coverage. */
    public static Path writeLcov(Path dir, Design design) {
        try {
            Path info = dir.resolve(design.name() + ".info");
            List<String> cmd = new ArrayList<>(List.of("verilator_coverage", "--write-info", info.toString()));
            try (Stream<Path> files = Files.list(dir.resolve(design.name()))) {
                files.filter(p -> p.toString().endsWith(".dat")).sorted().forEach(p -> cmd.add(p.toString()));
            }
            NativeBuild.run(dir, cmd);
            return info;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The per-unit table in Markdown. */
    public static String markdown(Design d) {
        StringBuilder sb = new StringBuilder("### ").append(d.parameters()).append("\n\n")
            .append("| unit | line points hit | branch points hit | toggle points hit |\n|---|---|---|---|\n");
        d.units().forEach((unit, kinds) -> sb.append("| ").append(unit).append(" | ")
            .append(cell(kinds.get("line"))).append(" | ").append(cell(kinds.get("branch"))).append(" | ")
            .append(cell(kinds.get("toggle"))).append(" |\n"));
        return sb.toString();
    }

    private static String cell(Tally t) {
        return t == null ? "-" : String.format("%d / %d (%.1f %%)", t.hit(), t.points(), 100.0 * t.hit() / t.points());
    }
}
