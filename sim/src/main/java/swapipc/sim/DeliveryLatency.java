package swapipc.sim;

import swapipc.model.Config;
import swapipc.model.Message;
import swapipc.model.WireFormat;

/**
 * The delivery latency bound, per message, from the pins: a message whose destination has
 * nothing else in transit to it when its send completes (its last argument word taken, or its
 * answer if it has none) must be presented there within {@link #bound} cycles. Nothing ahead of
 * it means no queue, copy or receiver to wait for; what remains is the post arbiter (one post
 * per cycle among the endpoints), the copy (per word a turn at the pool's read port and, with
 * zeroize, at its write port, both round robin) and a fixed pipeline. A message that misses
 * its bound fails the run at the cycle of its deadline, not at the final drain.
 */
final class DeliveryLatency {
    /** Cycles of pipeline outside the arbiters: post, queue, detection, the copy's first read, presentation. */
    static final int FIXED = 8;

    private final Config cfg;
    private final long[] deadline;
    private final long[] sentAt;
    private final Message[] watched;
    /** The message that came closest to its bound: its latency and bound (-1: none watched yet). */
    private long tightest = -1, tightestBound;

    DeliveryLatency(Config cfg) {
        this.cfg = cfg;
        this.deadline = new long[cfg.endpoints()];
        this.sentAt = new long[cfg.endpoints()];
        this.watched = new Message[cfg.endpoints()];
    }

    /** Cycles from send completion to presentation for {@code m} with nothing ahead of it. */
    long bound(Message m) {
        int words = Message.words(m.length());
        if (m.length() <= cfg.inlineBytes()) return FIXED + cfg.endpoints() + words;
        // A pooled message is copied word by word through the pool's read port, which each of the
        // 2 x endpoints readers may take in turn; with zeroize each word copied is also zeroed
        // through the write port, shared by 3 x endpoints writers (Marshalers, BufferPorts, scrubs).
        int perWord = (cfg.zeroize() ? 2 + 3 : 2) * cfg.endpoints();
        return FIXED + cfg.endpoints() + (long) perWord * (WireFormat.HEADER_WORDS + words);
    }

    /** {@code m}'s send completed in {@code cycle}; {@code inTransitTo} counts it and whatever else is on the way to its destination. */
    void sent(Message m, long cycle, int inTransitTo) {
        if (inTransitTo != 1 || m.dst() >= cfg.endpoints()) return;
        watched[m.dst()] = m;
        sentAt[m.dst()] = cycle;
        deadline[m.dst()] = cycle + bound(m);
    }

    /** Endpoint {@code dst} presented a message in {@code cycle} (recv.valid rose); null or why it came too late. */
    String presented(int dst, long cycle) {
        Message m = watched[dst];
        if (m == null) return null;
        watched[dst] = null;
        long latency = cycle - sentAt[dst];
        if (tightest < 0 || bound(m) - latency < tightestBound - tightest) {
            tightest = latency;
            tightestBound = bound(m);
        }
        return latency <= bound(m) ? null : late(dst, m, latency);
    }

    /** Null, or the first watched message whose deadline has passed by {@code cycle} without being presented. */
    String overdue(long cycle) {
        for (int d = 0; d < watched.length; d++) {
            if (watched[d] != null && cycle > deadline[d]) return late(d, watched[d], cycle - sentAt[d]);
        }
        return null;
    }

    private String late(int dst, Message m, long waited) {
        return "endpoint " + dst + ": " + m + " with nothing ahead of it was not presented within " + bound(m)
            + " cycles of its send completing (cycle " + sentAt[dst] + "; " + waited + " cycles so far)";
    }

    /** A reset drops every message in flight. */
    void reset() {
        java.util.Arrays.fill(watched, null);
    }

    /** Cycles the tightest message had left of its bound (negative: it came late; Long.MAX_VALUE: none was watched). */
    long slack() {
        return tightest < 0 ? Long.MAX_VALUE : tightestBound - tightest;
    }
}
