package swapipc.sim;

import java.nio.file.Path;

/** Where the project lives and where simulation builds and waves go. */
public final class Workspace {
    private Workspace() {}

    /** The repository root: -Dswapipc.root (set by Maven and ./swapipc), else the working directory. */
    public static Path root() {
        return Path.of(System.getProperty("swapipc.root", ".")).toAbsolutePath().normalize();
    }

    /** Content-addressed cache of compiled model and bridge libraries. */
    public static Path cache() {
        String override = System.getProperty("swapipc.cache");
        return override != null ? Path.of(override).toAbsolutePath() : root().resolve("target/sim-cache");
    }

    /** FST waveforms land here. */
    public static Path waves() {
        return root().resolve("target/waves");
    }

    /**
     * -Dswapipc.coverage=DIR: every model is built with line and toggle coverage, and every
     * simulation writes its counts into DIR when it is closed; null when not asked.
     */
    public static Path coverageDir() {
        String dir = System.getProperty("swapipc.coverage");
        return dir == null || dir.isEmpty() ? null : Path.of(dir).toAbsolutePath();
    }

    /**
     * -Dswapipc.xinit=SEED: every model is built with random power-up values (Verilator's
     * --x-assign/--x-initial unique, seeded) instead of zeros; null when not asked.
     */
    public static Long randomInitSeed() {
        return Long.getLong("swapipc.xinit");
    }

    /** -Dswapipc.waves=true asks every simulation for an FST trace. */
    public static boolean wavesRequested() {
        return Boolean.getBoolean("swapipc.waves");
    }
}
