package swapipc.sim;

/**
 * Random two-party call traffic: each endpoint keeps up to callsInFlight / endpoints calls
 * outstanding to random other endpoints; a callee replies after a service time drawn uniformly
 * from serviceMin..serviceMax cycles. Argument lengths are uniform in minLength..maxLength
 * (capped to what a buffer holds). An endpoint starts a new call at most every 0..2 * callGap
 * cycles (uniform). Senders stall their data and receivers their reads with the
 * given probabilities per cycle; failFast is the share of sends that take NONE rather than wait;
 * badSend the share of sends that must be refused (TOO_LONG, BAD_DEST). abuse is the per-cycle
 * probability that an endpoint breaks the protocol harmlessly (offers data words outside a
 * message, reads its temporary memory with no message presented, leaves an answer untaken);
 * resetEvery, if not 0, resets the unit on average every that many cycles, mid-traffic.
 * bufferOps is the per-cycle probability that an endpoint's idle BufferPort agent issues a command
 * (claims, reads, writes and frees of its own buffers); bufferBad the share of those aimed at
 * buffers it does not own, at bad references or past a buffer's end. selfSend is the share of calls
 * an endpoint sends to itself (its receiver takes them and it replies to itself).
 */
public record CallProfile(String name, int callsInFlight, int minLength, int maxLength, int serviceMin, int serviceMax,
                          int callGap, double senderStall, double receiverStall, double failFast, double badSend,
                          double abuse, int resetEvery, double bufferOps, double bufferBad, double selfSend) {

    /** The default suite and demo: busy, stalling, every length, some fail-fast, bad sends and calls to oneself. */
    public static final CallProfile DEFAULT = new CallProfile("default", 16, 0, Integer.MAX_VALUE, 0, 64, 0, 0.2, 0.2, 0.3, 0.02, 0, 0, 0.05, 0.1, 0.05);

    /** Bad-input campaign: 30 % of new calls are sends that must be refused, protocol abuse, resets in mid-traffic. */
    public static final CallProfile CAMPAIGN =
        new CallProfile("campaign", 16, 0, Integer.MAX_VALUE, 0, 64, 0, 0.3, 0.3, 0.5, 0.3, 0.2, 50_000, 0.3, 0.5, 0.05);

    /**
     * Occupancy benchmark: RPC-sized pooled messages (9..128 bytes), servers computing 2,000..8,000
     * cycles per call, calls started every 0..800 cycles per endpoint (see docs/benchmarks.md).
     */
    public static CallProfile occupancy(int callsInFlight) {
        return new CallProfile("occupancy-" + callsInFlight, callsInFlight, 9, 128, 2000, 8000, 400, 0.0, 0.0, 0.0, 0.0, 0, 0, 0, 0, 0.0);
    }

    /** No stalls, no refusals, immediate replies of any length: for directed runs. */
    public static final CallProfile QUIET = new CallProfile("quiet", 1, 0, Integer.MAX_VALUE, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.0);

    /**
     * Every knob drawn from {@code seed} (OpenTitan's stress_all style, for `./swapipc regress`): calls
     * in flight, lengths, service times, call gaps, stalls, fail-fast and refused sends, protocol
     * abuse, resets in mid-traffic (three seeds in ten), BufferPort commands and their bad share, calls to
     * oneself (half the seeds).
     * The traffic itself comes from the same seed through the harness; the knobs from a stream of
     * their own, so a seed names both.
     */
    public static CallProfile randomized(long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed ^ 0x6b6e6f6273L);
        int[] minLengths = {0, 0, 9, 64};
        int min = minLengths[r.nextInt(minLengths.length)];
        int max = r.nextInt(3) == 0 ? Integer.MAX_VALUE : min + r.nextInt(192);
        int serviceMin = r.nextInt(200);
        return new CallProfile("seed-" + seed, 1 + r.nextInt(32), min, max, serviceMin, serviceMin + r.nextInt(2000), r.nextInt(400),
            0.5 * r.nextDouble(), 0.5 * r.nextDouble(), 0.8 * r.nextDouble(), 0.3 * r.nextDouble(),
            r.nextBoolean() ? 0 : 0.2 * r.nextDouble(), r.nextInt(10) < 3 ? 20_000 + r.nextInt(180_000) : 0,
            0.3 * r.nextDouble(), 0.6 * r.nextDouble(), r.nextBoolean() ? 0 : 0.2 * r.nextDouble());
    }

    /** One line for reports. */
    public String describe() {
        return String.format("%s: %d calls in flight, lengths %d..%s bytes, service %d..%d cycles, call gap 0..%d, stalls %.0f%%/%.0f%%, "
                + "%.0f%% fail-fast, %.0f%% bad sends%s", name, callsInFlight, minLength, maxLength == Integer.MAX_VALUE ? "max" : maxLength,
            serviceMin, serviceMax, 2 * callGap, 100 * senderStall, 100 * receiverStall, 100 * failFast, 100 * badSend,
            abuse == 0 && resetEvery == 0 ? "" : String.format(", %.0f%% abuse, a reset every ~%,d cycles", 100 * abuse, resetEvery))
            + (bufferOps == 0 ? "" : String.format(", BufferPort commands %.0f%% of cycles (%.0f%% bad)", 100 * bufferOps, 100 * bufferBad))
            + (selfSend == 0 ? "" : String.format(", %.0f%% calls to oneself", 100 * selfSend));
    }

    public CallProfile {
        if (callsInFlight < 1) throw new IllegalArgumentException("callsInFlight must be at least 1, got " + callsInFlight);
        if (minLength < 0 || maxLength < minLength) throw new IllegalArgumentException("bad length range " + minLength + ".." + maxLength);
        if (serviceMin < 0 || serviceMax < serviceMin) throw new IllegalArgumentException("bad service range " + serviceMin + ".." + serviceMax);
        if (callGap < 0) throw new IllegalArgumentException("callGap must not be negative, got " + callGap);
        if (resetEvery < 0) throw new IllegalArgumentException("resetEvery must not be negative, got " + resetEvery);
        if (selfSend < 0 || selfSend > 1) throw new IllegalArgumentException("selfSend must be a share in 0..1, got " + selfSend);
    }
}
