package swapipc.sim.fpga;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What one synthesis run measured, with the verdicts: fits the device, meets the clock. */
public record SynthReport(String top, String device, Map<String, String> parameters, double targetMhz, double requiredMhz,
                          Utilization utilization, Map<String, Area> units, List<SeedResult> seeds, double seconds, boolean board) {

    /**
     * Cells of the placed design against what the device has. {@code logicCells} includes the
     * out-of-context harness, one cell per port bit of the top ({@code harnessCells}); the budget
     * is judged on the top's own cells, what a board design around it would see.
     */
    public record Utilization(int logicCells, int harnessCells, int logicCellsAvailable, int lut4, int dff, int carry,
                              int blockRams, int blockRamsAvailable, int spRams, int spRamsAvailable, int io) {
        public int ownLogicCells() { return logicCells - harnessCells; }

        public double logicShare() { return (double) ownLogicCells() / logicCellsAvailable; }

        public double bramShare() { return (double) blockRams / blockRamsAvailable; }
    }

    /** One module's cells (each of its {@code instances} copies), synthesized without flattening. */
    public record Area(int instances, int lut4, int dff, int carry, int blockRams, int spRams) {}

    public record SeedResult(int seed, double fmaxMhz, CriticalPath criticalPath) {}

    public SeedResult best() { return best(seeds); }

    /** The seed with the highest Fmax. */
    public static SeedResult best(List<SeedResult> seeds) {
        return seeds.stream().max(java.util.Comparator.comparingDouble(SeedResult::fmaxMhz)).orElseThrow();
    }

    /** A bare top must leave room for a bus wrapper and a UART bridge; a board top is the whole design and may fill the device. */
    public double logicBudget() { return board ? 1.0 : Device.MAX_LOGIC_SHARE; }

    public double bramBudget() { return board ? 1.0 : Device.MAX_BRAM_SHARE; }

    public boolean fits() {
        return utilization.logicShare() <= logicBudget() && utilization.bramShare() <= bramBudget();
    }

    public boolean meetsTarget() { return best().fmaxMhz() >= targetMhz; }

    /** Why this run does not pass, or an empty list. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        Utilization u = utilization;
        if (u.logicShare() > logicBudget()) {
            p.add(String.format("logic: %d of %d logic cells (%.0f %%), more than the %.0f %% budget", u.ownLogicCells(),
                u.logicCellsAvailable(), 100 * u.logicShare(), 100 * logicBudget()));
        }
        if (u.bramShare() > bramBudget()) {
            p.add(String.format("block RAM: %d of %d (%.0f %%), more than the %.0f %% budget", u.blockRams(),
                u.blockRamsAvailable(), 100 * u.bramShare(), 100 * bramBudget()));
        }
        if (!meetsTarget()) {
            p.add(String.format("timing: best Fmax %.1f MHz (seed %d) misses the %.1f MHz target; critical path %s",
                best().fmaxMhz(), best().seed(), targetMhz, String.join(" -> ", best().criticalPath().units())));
        }
        return p;
    }

    public void write(Path dir) {
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("report.json").toFile(), this);
            Files.writeString(dir.resolve("report.md"), markdown(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String markdown() {
        Utilization u = utilization;
        SeedResult b = best();
        StringBuilder s = new StringBuilder();
        s.append("# ").append(top).append(" on ").append(device.toUpperCase()).append("\n\n")
            .append("Parameters: ").append(parameters).append("\n\n")
            .append("| LC (top) | LC (with harness) | LUT4 | DFF | carry | BRAM | SPRAM | IO | Fmax (best seed) | target | verdict |\n")
            .append("|---|---|---|---|---|---|---|---|---|---|---|\n")
            .append(String.format("| %d / %d (%.0f %%) | %d | %d | %d | %d | %d / %d (%.0f %%) | %d / %d | %d | %.1f MHz (seed %d) | %.1f MHz | %s |%n",
                u.ownLogicCells(), u.logicCellsAvailable(), 100 * u.logicShare(), u.logicCells(), u.lut4(), u.dff(), u.carry(), u.blockRams(),
                u.blockRamsAvailable(), 100 * u.bramShare(), u.spRams(), u.spRamsAvailable(), u.io(), b.fmaxMhz(), b.seed(),
                targetMhz, problems().isEmpty() ? "fits, meets target" : "FAILS"))
            .append(board ? "\nThe whole board design (PLL, reset, UART bridge, register cores, IpcUnit) on the board's pins; "
                + "the bitstream is " + parameters.get("board") + ".bin beside this report, timed again by icetime (icetime.log).\n\n"
                : "\nLC (top) is the placed design less the out-of-context harness (one cell per port bit of the top: "
                + u.harnessCells() + "); LUT4, DFF and carry count the whole placed design.\n\n")
            .append("## Seeds\n\n| seed | Fmax | critical path | LUT levels | routing share |\n|---|---|---|---|---|\n");
        for (SeedResult r : seeds) {
            CriticalPath c = r.criticalPath();
            s.append(String.format("| %d | %.1f MHz | %s | %d | %.0f %% |%n", r.seed(), r.fmaxMhz(),
                String.join(" -> ", c.units()), c.logicLevels(), 100 * c.routingShare()));
        }
        s.append("\n## Area per unit (synthesized without flattening)\n\n| module | instances | LUT4 each | DFF each | carry each | BRAM each |\n|---|---|---|---|---|---|\n");
        units.forEach((m, a) -> s.append(String.format("| %s | %d | %d | %d | %d | %d |%n", m, a.instances(), a.lut4(), a.dff(), a.carry(), a.blockRams())));
        s.append(String.format("%nRun time %.0f s.%n", seconds));
        if (!problems().isEmpty()) {
            s.append("\n## Problems\n\n");
            problems().forEach(p -> s.append("- ").append(p).append('\n'));
        }
        return s.toString();
    }
}
