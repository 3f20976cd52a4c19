package swapipc.sim.fpga;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The slowest path of a routed design in words: where it starts and ends, how many LUT levels it
 * crosses, how much of its delay is routing, and which units it runs through (from the names of
 * the nets it uses, which keep the RTL hierarchy after flattening).
 */
public record CriticalPath(String from, String to, double nanoseconds, int logicLevels, double routingShare, List<String> units) {
    static CriticalPath of(JsonNode report) {
        JsonNode paths = report.get("critical_paths");
        if (paths == null || paths.isEmpty()) return new CriticalPath("-", "-", 0, 0, 0, List.of());
        JsonNode worst = null;
        double worstDelay = -1;
        for (JsonNode p : paths) {
            double d = 0;
            for (JsonNode seg : p.get("path")) d += seg.get("delay").asDouble();
            if (d > worstDelay) {
                worstDelay = d;
                worst = p;
            }
        }
        int levels = 0;
        double routing = 0;
        List<String> units = new ArrayList<>();
        for (JsonNode seg : worst.get("path")) {
            String type = seg.get("type").asText();
            if (type.equals("logic")) levels++;
            if (type.equals("routing")) routing += seg.get("delay").asDouble();
            String unit = unitOf(seg.path("net").asText(""));
            if (unit != null && (units.isEmpty() || !units.get(units.size() - 1).equals(unit))) units.add(unit);
        }
        return new CriticalPath(worst.get("from").asText(), worst.get("to").asText(), worstDelay, levels,
            worstDelay > 0 ? routing / worstDelay : 0, units);
    }

    /**
     * The RTL instance a net belongs to: its hierarchical name without the harness prefix and the
     * net itself ("dut.control.allocator.x" is "control.allocator"); null for nets the synthesis named.
     */
    static String unitOf(String net) {
        if (net.isEmpty() || net.startsWith("$")) return null;
        String n = net.startsWith("dut.") ? net.substring(4) : net;
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "(top)" : n.substring(0, dot);
    }
}
