package swapipc.sim;

import swapipc.model.BufferOp;
import swapipc.model.Config;
import swapipc.model.Message;

import java.util.ArrayList;
import java.util.List;

/**
 * Directed traffic for IpcHarness: the listed messages and BufferPort commands, each endpoint's
 * in order, each from its cycle on (or once the endpoint is free to issue it).
 */
final class CallPlan implements IpcHarness.Script {
    record Item(long at, Message message, boolean blocking) {}

    record BufferItem(long at, BufferAgent.Command command) {}

    final List<List<Item>> queues = new ArrayList<>();
    final List<List<BufferItem>> commands = new ArrayList<>();
    final int[] next;
    final int[] nextCommand;
    boolean replies = true;
    long pausedUntil = -1;
    int pausedEndpoint = -1;
    int maxCount;
    boolean senderHeld;
    /** The unit's owners output as it was in cycle watchCycle. */
    long watchCycle = -1;
    int watchedOwners;
    /** Sees every cycle's pins, for what a directed test records. */
    Probe probe;

    interface Probe { void cycle(long cycle, int[] in, int[] out, IpcPins pins); }

    final int queueFull;

    CallPlan(Config cfg) {
        queueFull = cfg.queueDepth() + 1;
        for (int e = 0; e < cfg.endpoints(); e++) {
            queues.add(new ArrayList<>());
            commands.add(new ArrayList<>());
        }
        next = new int[cfg.endpoints()];
        nextCommand = new int[cfg.endpoints()];
    }

    CallPlan send(long at, Message m, boolean blocking) {
        queues.get(m.src()).add(new Item(at, m, blocking));
        return this;
    }

    CallPlan send(long at, Message m) {
        return send(at, m, true);
    }

    CallPlan buffer(long at, int e, BufferOp op, long ref, int offset, int data) {
        commands.get(e).add(new BufferItem(at, new BufferAgent.Command(op, ref, offset, data)));
        return this;
    }

    CallPlan buffer(long at, int e, BufferOp op, long ref, int offset) {
        return buffer(at, e, op, ref, offset, 0);
    }

    @Override
    public Message next(int e, long cycle) {
        List<Item> q = queues.get(e);
        if (next[e] >= q.size() || q.get(next[e]).at > cycle) return null;
        return q.get(next[e]++).message;
    }

    @Override
    public BufferAgent.Command buffer(int e, long cycle) {
        List<BufferItem> q = commands.get(e);
        if (nextCommand[e] >= q.size() || q.get(nextCommand[e]).at > cycle) return null;
        return q.get(nextCommand[e]++).command;
    }

    @Override
    public boolean blocking(Message m) {
        for (List<Item> q : queues) for (Item i : q) if (i.message == m) return i.blocking;
        return true;
    }

    @Override
    public boolean finished(long cycle) {
        for (int e = 0; e < next.length; e++) {
            if (next[e] < queues.get(e).size() || nextCommand[e] < commands.get(e).size()) return false;
        }
        return cycle > pausedUntil;
    }

    @Override
    public boolean replies() { return replies; }

    @Override
    public boolean paused(int e, long cycle) { return e == pausedEndpoint && cycle < pausedUntil; }

    @Override
    public void observe(long cycle, int[] in, int[] out, IpcPins pins) {
        if (cycle == watchCycle) watchedOwners = out[pins.owners];
        if (probe != null) probe.cycle(cycle, in, out, pins);
        if (pausedEndpoint < 0) return;
        int count = out[pins.ep[pausedEndpoint].count];
        maxCount = Math.max(maxCount, count);
        // A command waiting, not taken, while the paused endpoint's queue and copy engine are full.
        for (IpcPins.Endpoint p : pins.ep) {
            if (count == queueFull && in[p.sendValid] != 0 && out[p.sendReady] == 0) senderHeld = true;
        }
    }
}
