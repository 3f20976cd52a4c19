package swapipc.sim.units;

import swapipc.hdl.Generator;
import swapipc.model.Config;
import swapipc.model.ReleasePolicy;
import swapipc.sim.bridge.PortLayout;

/**
 * HeldCalls alone (an ON_RETURN configuration). Reference: one entry per buffer (held, caller,
 * callee, tag). Each cycle every caller's lookup finds its held entries with the looked-up callee
 * and tag, and names the lowest; a hold enters an entry and a release clears one from the next
 * cycle. Tags are drawn from a few values, so several held calls often share a key (a reused
 * tag). The driver keeps the CopyEngines' obligations: a callee holds only a buffer not held
 * (distinct buffers in one cycle), and a caller releases only an entry held for it.
 */
public final class HeldCallsBench extends UnitBench {
    private static final int TAGS = 4;

    private final int e;
    private final int n;
    private int[] holdValid, holdIndex, holdCaller, holdTag, lookupCallee, lookupTag, foundIndex, releaseValid, release;
    private int found, count;
    private boolean[] held;
    private int[] caller, callee, tag;

    public HeldCallsBench(Config cfg, long seed, String replay) {
        super(cfg.withReleasePolicy(ReleasePolicy.ON_RETURN), seed, replay);
        this.e = this.cfg.endpoints();
        this.n = this.cfg.buffers();
    }

    @Override
    protected Generator.Top top() { return Generator.Top.HELD_CALLS; }

    @Override
    protected void bind(PortLayout io) {
        holdValid = new int[e];
        holdIndex = new int[e];
        holdCaller = new int[e];
        holdTag = new int[e];
        lookupCallee = new int[e];
        lookupTag = new int[e];
        foundIndex = new int[e];
        releaseValid = new int[e];
        release = new int[e];
        for (int k = 0; k < e; k++) {
            holdValid[k] = io.in("io_hold_" + k + "_valid");
            holdIndex[k] = io.in("io_hold_" + k + "_payload_index");
            holdCaller[k] = io.in("io_hold_" + k + "_payload_caller");
            holdTag[k] = io.in("io_hold_" + k + "_payload_tag");
            lookupCallee[k] = io.in("io_lookupCallee_" + k);
            lookupTag[k] = io.in("io_lookupTag_" + k);
            foundIndex[k] = io.out("io_foundIndex_" + k);
            releaseValid[k] = io.in("io_release_" + k + "_valid");
            release[k] = io.in("io_release_" + k + "_payload");
        }
        found = io.out("io_found");
        count = io.out("io_count");
    }

    @Override
    protected void resetReference() {
        held = new boolean[n];
        caller = new int[n];
        callee = new int[n];
        tag = new int[n];
    }

    @Override
    protected void drive(long cycle) {
        boolean[] taken = new boolean[n];
        for (int k = 0; k < e; k++) {
            int i = rnd.nextInt(n);
            boolean hold = rnd.nextInt(3) == 0 && !held[i] && !taken[i];
            if (hold) taken[i] = true;
            in[holdValid[k]] = hold ? 1 : 0;
            in[holdIndex[k]] = i;
            in[holdCaller[k]] = rnd.nextInt(e);
            in[holdTag[k]] = rnd.nextInt(TAGS);
            // Mostly the key of a call held for this caller (as a RETURN would name it), else any.
            int mine = heldFor(k, rnd.nextInt(n));
            boolean known = mine >= 0 && rnd.nextInt(4) != 0;
            in[lookupCallee[k]] = known ? callee[mine] : rnd.nextInt(e);
            in[lookupTag[k]] = known ? tag[mine] : rnd.nextInt(TAGS);
            int gone = heldFor(k, rnd.nextInt(n));
            boolean releasing = gone >= 0 && rnd.nextInt(3) == 0;
            in[releaseValid[k]] = releasing ? 1 : 0;
            in[release[k]] = releasing ? gone : rnd.nextInt(n);
        }
    }

    /** The first entry held for caller k at or after {@code from} (wrapping), or -1. */
    private int heldFor(int k, int from) {
        for (int d = 0; d < n; d++) {
            int i = (from + d) % n;
            if (held[i] && caller[i] == k) return i;
        }
        return -1;
    }

    @Override
    protected String check(long cycle) {
        int expectedFound = 0;
        for (int k = 0; k < e; k++) {
            int lowest = -1;
            for (int i = 0; i < n && lowest < 0; i++) {
                if (held[i] && caller[i] == k && callee[i] == in[lookupCallee[k]] && tag[i] == in[lookupTag[k]]) lowest = i;
            }
            if (lowest >= 0) {
                expectedFound |= 1 << k;
                if (out[foundIndex[k]] != lowest) {
                    return "caller " + k + " looked up callee " + in[lookupCallee[k]] + " tag " + in[lookupTag[k]] + ": index "
                        + out[foundIndex[k]] + ", expected the lowest match " + lowest;
                }
            }
        }
        if (out[found] != expectedFound) {
            return "found " + Integer.toBinaryString(out[found]) + ", expected " + Integer.toBinaryString(expectedFound);
        }
        int heldNow = 0;
        for (boolean h : held) if (h) heldNow++;
        if (out[count] != heldNow) return "count " + out[count] + ", expected " + heldNow + " held";
        return null;
    }

    @Override
    protected void clock() {
        for (int k = 0; k < e; k++) {
            if (in[releaseValid[k]] != 0) {
                held[in[release[k]]] = false;
                transaction();
            }
        }
        for (int k = 0; k < e; k++) {
            if (in[holdValid[k]] == 0) continue;
            int i = in[holdIndex[k]];
            held[i] = true;
            caller[i] = in[holdCaller[k]];
            callee[i] = k;
            tag[i] = in[holdTag[k]];
        }
    }
}
