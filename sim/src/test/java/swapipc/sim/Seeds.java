package swapipc.sim;

/** The seed of a random test: -Dswapipc.seed=S replays a run, otherwise a fresh one is drawn and printed. */
public final class Seeds {
    private Seeds() {}

    public static long seed(String test) {
        String given = System.getProperty("swapipc.seed");
        long seed = given != null ? Long.parseLong(given) : System.nanoTime() ^ Double.doubleToLongBits(Math.random());
        System.out.println(test + ": seed " + seed + " (replay with -Dswapipc.seed=" + seed + ")");
        return seed;
    }
}
