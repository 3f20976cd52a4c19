package swapipc.sim;

import java.util.ArrayList;
import java.util.List;

/** WaveDrom JSON from sampled values: one row per cycle, one column per trace (null: don't care). */
final class WaveDrom {
    /** A signal: a bus shows its values, {@code perCycle} draws a new segment every cycle (a new answer each cycle). */
    record Trace(String name, boolean bus, boolean perCycle) {}

    private WaveDrom() {}

    static String json(List<Trace> traces, List<String[]> rows, String title, String foot) {
        StringBuilder sb = new StringBuilder("{\"signal\": [\n  {\"name\": \"clk\", \"wave\": \"p" + ".".repeat(rows.size() - 1) + "\"}");
        for (int k = 0; k < traces.size(); k++) {
            Trace t = traces.get(k);
            StringBuilder wave = new StringBuilder();
            List<String> data = new ArrayList<>();
            String prev = "";
            for (String[] row : rows) {
                String v = row[k];
                if (v == null) {
                    wave.append(prev == null ? '.' : 'x');
                } else if (v.equals(prev) && !t.perCycle()) {
                    wave.append('.');
                } else if (t.bus()) {
                    wave.append('=');
                    data.add(v);
                } else {
                    wave.append(v);
                }
                prev = v;
            }
            sb.append(",\n  {\"name\": \"").append(t.name()).append("\", \"wave\": \"").append(wave).append('"');
            if (!data.isEmpty()) sb.append(", \"data\": [\"").append(String.join("\", \"", data)).append("\"]");
            sb.append('}');
        }
        sb.append("\n],\n \"head\": {\"text\": \"").append(title).append("\"},\n");
        sb.append(" \"foot\": {\"text\": \"").append(foot).append("\"}\n}\n");
        return sb.toString();
    }
}
