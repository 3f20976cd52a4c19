package swapipc.model;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The two-party protocol at transaction level: messages, per-pair order, shared buffers, the
 * copy into the receiver's private memory and the release of the buffer by either policy.
 *
 * Two ways to drive it. On its own, {@link #send} allocates and posts and {@link #deliver} copies
 * and frees. As a scoreboard beside the RTL, the RTL's choices come in as events
 * ({@link #granted}, {@link #posted}, {@link #freed}, {@link #delivered}, and for the
 * BufferPorts {@link #claimed} and {@link #released}): the model checks that each is legal and
 * throws {@link IllegalStateException} saying what went wrong otherwise. {@link #owners} keeps the
 * owner of every buffer, as the OwnerTable does, and decides BufferPort commands.
 */
public final class IpcModel {
    /** A message on its way, with its buffer (-1: inline) and whether that buffer went back already. */
    private static final class InFlight {
        final Message message;
        final int index;
        boolean released;

        InFlight(Message message, int index) {
            this.message = message;
            this.index = index;
        }
    }

    private record CallKey(int caller, int callee, int tag) {}

    private final Config cfg;
    private final ControlArea pool;
    private final Map<Long, ArrayDeque<InFlight>> pairs = new HashMap<>();
    private final Map<CallKey, ArrayDeque<InFlight>> held = new HashMap<>();
    /** Per buffer: the message in it, and the endpoint entitled to free it. */
    private final InFlight[] owner;
    private final int[] freer;
    private final Owners owners;
    private int peakAllocated;

    public IpcModel(Config cfg) {
        this.cfg = cfg;
        this.pool = new ControlArea(cfg);
        this.owner = new InFlight[cfg.buffers()];
        this.freer = new int[cfg.buffers()];
        this.owners = new Owners(cfg);
    }

    public Owners owners() { return owners; }

    public Config config() { return cfg; }

    /** What the unit answers a send of {@code m} when a buffer is free: OK, TOO_LONG or BAD_DEST. */
    public SendStatus admit(Message m) {
        if (m.dst() < 0 || m.dst() >= cfg.endpoints()) return SendStatus.BAD_DEST;
        if (inline(m)) return SendStatus.OK;
        return m.length() > cfg.maxArgBytes() ? SendStatus.TOO_LONG : SendStatus.OK;
    }

    /** Whether {@code m} travels in its descriptor and takes no buffer. */
    public boolean inline(Message m) {
        return m.length() <= cfg.inlineBytes();
    }

    /** Standalone send: allocates (lowest free), marshals and posts. Returns the status and the buffer. */
    public ControlArea.Allocation send(Message m) {
        SendStatus s = admit(m);
        if (s != SendStatus.OK) return new ControlArea.Allocation(AllocStatus.ERROR, 0, 0);
        if (inline(m)) {
            post(m, -1);
            return new ControlArea.Allocation(AllocStatus.OK, -1, 0);
        }
        ControlArea.Allocation a = pool.allocate(WireFormat.HEADER_BYTES + m.length());
        if (a.status() == AllocStatus.OK) take(m, a.index());
        return a;
    }

    /** Scoreboard: the RTL gave buffer {@code index} to {@code m} (-1: inline, no buffer). */
    public void granted(Message m, int index) {
        if (admit(m) != SendStatus.OK) throw new IllegalStateException("accepted a send the model refuses (" + admit(m) + "): " + m);
        if (inline(m) != (index < 0)) {
            throw new IllegalStateException((inline(m) ? "an inline message got buffer " + index : "a pooled message got no buffer") + ": " + m);
        }
        if (index >= 0) {
            if (index >= cfg.buffers()) throw new IllegalStateException("buffer " + index + " does not exist: " + m);
            if (pool.swap(index, ControlArea.ALLOCATED) != ControlArea.FREE) {
                throw new IllegalStateException("buffer " + index + " granted while " + holder(index) + ": " + m);
            }
            take(m, index);
        } else {
            post(m, -1);
        }
    }

    private void take(Message m, int index) {
        owner[index] = post(m, index);
        freer[index] = m.dst();
        owners.set(index, OwnerKind.MESSAGE, m.src());
        peakAllocated = Math.max(peakAllocated, allocated());
    }

    /** Scoreboard: the sender posted the message in buffer {@code index}; the buffer is now its receiver's. */
    public void posted(int index) {
        if (index < 0 || index >= cfg.buffers() || owner[index] == null || owners.kind(index) != OwnerKind.MESSAGE
            || owners.endpoint(index) != owner[index].message.src()) {
            throw new IllegalStateException("buffer " + index + " posted, but no message of its sender is in it");
        }
        owners.set(index, OwnerKind.MESSAGE, owner[index].message.dst());
    }

    /** Scoreboard: endpoint {@code e}'s BufferPort claimed buffer {@code index}. */
    public void claimed(int e, int index) {
        if (index < 0 || index >= cfg.buffers() || pool.swap(index, ControlArea.ALLOCATED) != ControlArea.FREE) {
            throw new IllegalStateException("endpoint " + e + " claimed buffer " + index + ", which is not free");
        }
        owners.set(index, OwnerKind.CLAIMED, e);
        freer[index] = -1;
        peakAllocated = Math.max(peakAllocated, allocated());
    }

    /** Scoreboard: endpoint {@code e}'s BufferPort freed buffer {@code index}. */
    public void released(int e, int index) {
        if (index < 0 || index >= cfg.buffers() || owners.kind(index) != OwnerKind.CLAIMED || owners.endpoint(index) != e) {
            throw new IllegalStateException("endpoint " + e + " released buffer " + index + ", which it has not claimed");
        }
        owners.set(index, OwnerKind.NONE, 0);
        pool.swap(index, ControlArea.FREE);
    }

    private InFlight post(Message m, int index) {
        InFlight f = new InFlight(m, index);
        pairs.computeIfAbsent(pair(m.src(), m.dst()), k -> new ArrayDeque<>()).add(f);
        return f;
    }

    /** Scoreboard: endpoint {@code endpoint} freed buffer {@code index}. */
    public void freed(int endpoint, int index) {
        if (index < 0 || index >= cfg.buffers() || pool.flag(index) == ControlArea.FREE) {
            throw new IllegalStateException("endpoint " + endpoint + " freed buffer " + index + ", which is not allocated");
        }
        if (freer[index] != endpoint) {
            throw new IllegalStateException("endpoint " + endpoint + " freed buffer " + index + ", " + holder(index)
                + "; only endpoint " + freer[index] + " may");
        }
        release(index);
    }

    private void release(int index) {
        owners.set(index, OwnerKind.NONE, 0);
        owner[index].released = true;
        owner[index] = null;
        freer[index] = -1;
        pool.swap(index, ControlArea.FREE);
    }

    private String holder(int index) {
        return owner[index] != null ? "allocated to " + owner[index].message : "claimed by endpoint " + owners.endpoint(index);
    }

    /** Standalone receive: the oldest message from {@code src} to {@code dst}, copied and released by the policy. */
    public Message deliver(int dst, int src) {
        return receive(dst, src, true);
    }

    /**
     * Scoreboard: the RTL presented to {@code dst} the next message from {@code src}, having freed
     * what the policy frees. Returns the message the model expects there.
     */
    public Message delivered(int dst, int src) {
        return receive(dst, src, false);
    }

    private Message receive(int dst, int src, boolean release) {
        ArrayDeque<InFlight> q = pairs.get(pair(src, dst));
        if (q == null || q.isEmpty()) throw new IllegalStateException("endpoint " + dst + " received a message from " + src + " that nobody sent");
        InFlight f = q.poll();
        Message m = f.message;
        boolean keep = cfg.releasePolicy() == ReleasePolicy.ON_RETURN && m.kind() == MessageKind.CALL;
        if (f.index >= 0 && keep) {
            if (f.released) throw new IllegalStateException("ON_RETURN: the buffer of " + m + " was freed before its reply");
            held.computeIfAbsent(new CallKey(src, dst, m.tag()), k -> new ArrayDeque<>()).add(f);
            freer[f.index] = src;
        } else if (f.index >= 0) {
            mustBeReleased(release, f, "its own buffer", m);
        }
        if (cfg.releasePolicy() == ReleasePolicy.ON_RETURN && m.kind() == MessageKind.RETURN) {
            // A caller that reused a tag for two calls to one callee has several held calls alike to
            // this RETURN: HeldCalls releases the lowest of those taken when the RETURN looks it up,
            // which may be before a later one was taken; judged after the fact, any one of them
            // already released will do (a call not yet taken cannot be: its freer is the callee).
            ArrayDeque<InFlight> calls = held.get(new CallKey(dst, src, m.tag()));
            InFlight call = calls == null || calls.isEmpty() ? null
                : calls.stream().filter(c -> !release && c.released).findFirst()
                    .orElseGet(() -> calls.stream().min((a, b) -> Integer.compare(a.index, b.index)).get());
            if (call != null) calls.remove(call);
            if (call != null) mustBeReleased(release, call, "the buffer of its call", m);
        }
        return m;
    }

    private void mustBeReleased(boolean release, InFlight f, String what, Message m) {
        if (release) {
            release(f.index);
        } else if (!f.released) {
            throw new IllegalStateException(cfg.releasePolicy() + ": " + what + " (buffer " + f.index + ") is still allocated when "
                + m + " is presented");
        }
    }

    /** Buffers allocated now: marshaling, queued, being copied or held. */
    public int allocated() { return cfg.buffers() - pool.freeCount(); }

    public int peakAllocated() { return peakAllocated; }

    public int flag(int index) { return pool.flag(index); }

    /** Messages sent and not yet delivered. */
    public int inTransit() {
        return pairs.values().stream().mapToInt(ArrayDeque::size).sum();
    }

    /** Messages sent to {@code dst} and not yet delivered there (queued, being copied or presented). */
    public int inTransitTo(int dst) {
        int n = 0;
        for (int src = 0; src < cfg.endpoints(); src++) {
            ArrayDeque<InFlight> q = pairs.get(pair(src, dst));
            if (q != null) n += q.size();
        }
        return n;
    }

    private static long pair(int src, int dst) {
        return ((long) src << 32) | dst;
    }
}
