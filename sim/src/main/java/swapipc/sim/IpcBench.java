package swapipc.sim;

import swapipc.model.Config;
import swapipc.model.Message;
import swapipc.model.MessageKind;
import swapipc.model.ReleasePolicy;
import swapipc.model.WireFormat;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Cycle counts of the message path, measured on the RTL through {@link IpcHarness} (so every
 * measured run is also scoreboarded): a call and its reply against the copy-bound lower bound,
 * the CopyEngine's words per cycle, and peak pool occupancy under both release policies.
 */
public final class IpcBench {
    private IpcBench() {}

    /**
     * One call of {@code bytes} argument bytes and its reply of the same size, nothing else
     * running, no stalls, the callee replying the cycle after it has read the call. {@code lowerBound}:
     * for each message, its words written by the sender, copied, and read by the receiver at one
     * word per cycle, those three steps being serial for one message.
     */
    public record Latency(int bytes, long cycles, long lowerBound) {
        public double ratio() { return (double) cycles / lowerBound; }
    }

    /** Cycles from the sender's last word to the free at the receiver, for a short and a buffer-long message. */
    public record CopyRate(int shortWords, long shortCycles, int longWords, long longCycles) {
        /** Extra words copied per extra cycle: the engine's sustained rate. */
        public double wordsPerCycle() { return (double) (longWords - shortWords) / (longCycles - shortCycles); }

        /** Cycles of a long message beyond one per word: posting, queueing, read latency, free. */
        public long overhead() { return longCycles - longWords; }
    }

    public record Occupancy(int inFlight, IpcHarness.Result early, IpcHarness.Result onReturn) {}

    /** A script that sends the given messages at cycle 0 and records when it started. */
    private static final class OneShot implements IpcHarness.Script {
        private final List<Message> messages;
        private final boolean replies;
        private int next;
        long startedAt = -1;

        OneShot(boolean replies, Message... messages) {
            this.messages = List.of(messages);
            this.replies = replies;
        }

        @Override
        public Message next(int e, long cycle) {
            if (next >= messages.size() || messages.get(next).src() != e) return null;
            if (startedAt < 0) startedAt = cycle;
            return messages.get(next++);
        }

        @Override
        public boolean finished(long cycle) { return next >= messages.size(); }

        @Override
        public boolean replies() { return replies; }

        @Override
        public boolean probePastEnd() { return false; }
    }

    private static IpcHarness.Result run(Config cfg, CallProfile profile, OneShot script, String what) {
        IpcHarness.Result r = IpcHarness.run(cfg, profile, script, 1, 100_000, "IpcBench " + what);
        if (!r.passed()) throw new IllegalStateException(what + ": " + r.failure());
        return r;
    }

    public static Latency callAndReply(Config cfg, int bytes) {
        CallProfile reply = new CallProfile("call-reply", 1, bytes, bytes, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.0);
        OneShot call = new OneShot(true, IpcHarness.message(new SplittableRandom(1), 0, 1, MessageKind.CALL, 1, bytes));
        IpcHarness.Result r = run(cfg, reply, call, "call and reply");
        IpcHarness.Event back = r.events().stream().filter(e -> e.kind() == IpcHarness.Event.Kind.DELIVERED && e.endpoint() == 0)
            .findFirst().orElseThrow();
        int args = Message.words(bytes);
        long bound = 2L * ((WireFormat.HEADER_WORDS + args) * 2L + args);
        return new Latency(bytes, back.cycle() - call.startedAt + 1, bound);
    }

    public static CopyRate copyRate(Config cfg) {
        long[] cycles = new long[2];
        int[] words = new int[2];
        int[] lengths = {cfg.inlineBytes() + 1, cfg.maxArgBytes()};
        for (int k = 0; k < 2; k++) {
            Message m = IpcHarness.message(new SplittableRandom(k), 0, 1, MessageKind.CALL, k, lengths[k]);
            IpcHarness.Result r = run(cfg, CallProfile.QUIET, new OneShot(false, m), "copy rate");
            long sent = first(r, IpcHarness.Event.Kind.SENT, 0);
            long freed = first(r, IpcHarness.Event.Kind.FREED, 1);
            cycles[k] = freed - sent;
            words[k] = WireFormat.HEADER_WORDS + Message.words(lengths[k]);
        }
        return new CopyRate(words[0], cycles[0], words[1], cycles[1]);
    }

    private static long first(IpcHarness.Result r, IpcHarness.Event.Kind kind, int endpoint) {
        return r.events().stream().filter(e -> e.kind() == kind && e.endpoint() == endpoint).findFirst().orElseThrow().cycle();
    }

    /** Write-bound traffic: 16 calls in flight, every length, short service times, nothing stalls. */
    public static final CallProfile WRITE_BOUND =
        new CallProfile("write-bound", 16, 0, Integer.MAX_VALUE, 0, 64, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.0);

    /** Seeded write-bound calls for {@code cycles} cycles: what zeroize's second write of every word costs. */
    public static IpcHarness.Result throughput(Config cfg, long seed, long cycles) {
        IpcHarness.Result r = IpcHarness.run(cfg, WRITE_BOUND, seed, cycles, IpcHarness.replay(cfg, seed, cycles), false);
        if (!r.passed()) throw new IllegalStateException(r.failure());
        return r;
    }

    /** Words the pool's write port took per cycle in a run: each pooled message's words, twice with zeroize. */
    public static double writesPerCycle(IpcHarness.Result r) {
        return (double) r.pooledWords() * (r.config().zeroize() ? 2 : 1) / r.cycles();
    }

    /** The same seeded calls under EARLY and ON_RETURN. */
    public static Occupancy occupancy(Config cfg, int inFlight, long seed, long cycles) {
        CallProfile profile = CallProfile.occupancy(inFlight);
        IpcHarness.Result[] r = new IpcHarness.Result[2];
        for (ReleasePolicy p : ReleasePolicy.values()) {
            Config c = cfg.withReleasePolicy(p);
            r[p.ordinal()] = IpcHarness.run(c, profile, seed, cycles, IpcHarness.replay(c, seed, cycles), false);
            if (!r[p.ordinal()].passed()) throw new IllegalStateException(p + ": " + r[p.ordinal()].failure());
        }
        return new Occupancy(inFlight, r[0], r[1]);
    }
}
