package swapipc.sim.units;

import swapipc.hdl.Generator;
import swapipc.model.Config;
import swapipc.sim.bridge.PortLayout;

import java.util.ArrayDeque;

/**
 * The WaitList alone. Reference: a queue of endpoints in arrival order (same cycle: the lowest
 * joining endpoint is taken, the others keep asking), a waiter visible as the head from the second
 * cycle after its join (the queue's read is synchronous), `busy` from the cycle after the first
 * join until the last leave. The driver
 * keeps the Marshalers' obligations: an endpoint joins only when it is not in the list, holds
 * its join until taken, and only the head leaves.
 */
public final class WaitListBench extends UnitBench {
    private record Waiter(int endpoint, long joined) {}

    private final int e;
    private int[] joinValid, joinReady;
    private int leave, head, busy;
    /** Per endpoint: asking to join (valid held until ready). */
    private boolean[] asking;
    private ArrayDeque<Waiter> queue;
    private long cycleNow;
    private int joinedNow = -1;
    private boolean leftNow;

    public WaitListBench(Config cfg, long seed, String replay) {
        super(cfg, seed, replay);
        this.e = cfg.endpoints();
    }

    @Override
    protected Generator.Top top() { return Generator.Top.WAIT_LIST; }

    @Override
    protected void bind(PortLayout io) {
        joinValid = new int[e];
        joinReady = new int[e];
        for (int k = 0; k < e; k++) {
            joinValid[k] = io.in("io_join_" + k + "_valid");
            joinReady[k] = io.out("io_join_" + k + "_ready");
        }
        leave = io.in("io_leave");
        head = io.out("io_head");
        busy = io.out("io_busy");
    }

    @Override
    protected void resetReference() {
        asking = new boolean[e];
        queue = new ArrayDeque<>();
    }

    private boolean inList(int k) {
        return queue.stream().anyMatch(w -> w.endpoint == k);
    }

    /** The endpoint the head output names this cycle, or -1. */
    private int expectedHead() {
        Waiter w = queue.peekFirst();
        return w != null && w.joined + 2 <= cycleNow ? w.endpoint : -1;
    }

    @Override
    protected void drive(long cycle) {
        cycleNow = cycle;
        for (int k = 0; k < e; k++) {
            if (!asking[k] && !inList(k) && rnd.nextInt(4) == 0) asking[k] = true;
            in[joinValid[k]] = asking[k] ? 1 : 0;
        }
        int h = expectedHead();
        // A head leaves when it got its buffer: sometimes at once, sometimes after a few retries.
        in[leave] = h >= 0 && rnd.nextInt(3) == 0 ? 1 << h : 0;
    }

    @Override
    protected String check(long cycle) {
        int lowest = -1;
        for (int k = 0; k < e && lowest < 0; k++) if (asking[k]) lowest = k;
        for (int k = 0; k < e; k++) {
            boolean ready = k == lowest && queue.size() < e;
            if ((out[joinReady[k]] != 0) != ready) {
                return "join " + k + " ready " + out[joinReady[k]] + ", expected " + (ready ? 1 : 0) + " (asking " + askingList() + ", list " + listed() + ")";
            }
        }
        int h = expectedHead();
        int expected = h < 0 ? 0 : 1 << h;
        if (out[head] != expected) return "head " + Integer.toBinaryString(out[head]) + ", expected " + Integer.toBinaryString(expected) + " (list " + listed() + ")";
        boolean nonEmpty = !queue.isEmpty();
        if ((out[busy] != 0) != nonEmpty) return "busy " + out[busy] + " with the list " + listed();
        joinedNow = lowest >= 0 && queue.size() < e ? lowest : -1;
        leftNow = in[leave] != 0 && h >= 0;
        return null;
    }

    @Override
    protected void clock() {
        if (leftNow) {
            queue.removeFirst();
            transaction();
        }
        if (joinedNow >= 0) {
            queue.addLast(new Waiter(joinedNow, cycleNow));
            asking[joinedNow] = false;
        }
    }

    private String listed() {
        return queue.stream().map(w -> w.endpoint + "@" + w.joined).toList().toString();
    }

    private String askingList() {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < e; k++) if (asking[k]) sb.append(k).append(' ');
        return sb.toString().trim();
    }
}
