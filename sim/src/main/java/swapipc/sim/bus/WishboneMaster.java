package swapipc.sim.bus;

import swapipc.sim.PortLayout;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.SplittableRandom;

/**
 * A bus-functional Wishbone B4 classic master: CYC and STB with the address, WE, data and SEL
 * held until ACK or ERR, one access at a time, with random idle cycles between accesses (without
 * them STB stays up and the next access follows its predecessor's ACK directly). ADR is the word
 * address. Checks every cycle: ACK and ERR never together, and neither outside an access.
 */
public final class WishboneMaster implements BusMaster {
    private final String name;
    private final SplittableRandom rnd;
    private final int cyc, stb, we, adr, datMosi, sel;
    private final int ack, err, datMiso;
    private final Deque<BusAccess> queued = new ArrayDeque<>();
    private BusAccess current;
    private int maxDelay;
    private int gap;

    WishboneMaster(PortLayout l, String prefix, long seed) {
        this.name = prefix;
        this.rnd = new SplittableRandom(seed);
        cyc = l.in(prefix + "CYC");
        stb = l.in(prefix + "STB");
        we = l.in(prefix + "WE");
        adr = l.in(prefix + "ADR");
        datMosi = l.in(prefix + "DAT_MOSI");
        sel = l.in(prefix + "SEL");
        ack = l.out(prefix + "ACK");
        err = l.out(prefix + "ERR");
        datMiso = l.out(prefix + "DAT_MISO");
    }

    @Override
    public BusAccess read(int address) {
        return enqueue(new BusAccess(false, address, 0, 0xF));
    }

    @Override
    public BusAccess write(int address, int data, int strobes) {
        return enqueue(new BusAccess(true, address, data, strobes));
    }

    private BusAccess enqueue(BusAccess a) {
        if ((a.address & 3) != 0) throw new IllegalArgumentException(String.format("Wishbone addresses words: 0x%x is not one", a.address));
        queued.add(a);
        return a;
    }

    @Override
    public void jitter(double readyChance, int maxDelay) {
        this.maxDelay = maxDelay;
    }

    @Override
    public boolean idle() {
        return queued.isEmpty() && current == null;
    }

    @Override
    public void drive(int[] in, long cycle) {
        if (current == null && !queued.isEmpty()) {
            if (gap > 0) {
                gap--;
            } else {
                current = queued.poll();
                current.issued = cycle;
            }
        }
        boolean on = current != null;
        in[cyc] = on ? 1 : 0;
        in[stb] = on ? 1 : 0;
        in[we] = on && current.write ? 1 : 0;
        in[adr] = on ? current.address >>> 2 : 0;
        in[datMosi] = on ? current.data : 0;
        in[sel] = on ? current.strobes : 0;
    }

    @Override
    public void observe(int[] in, int[] out, long cycle) {
        boolean a = out[ack] != 0;
        boolean e = out[err] != 0;
        if (a && e) throw new AssertionError(name + " cycle " + cycle + ": Wishbone violation: ACK and ERR together");
        if ((a || e) && in[stb] == 0) throw new AssertionError(name + " cycle " + cycle + ": Wishbone violation: " + (a ? "ACK" : "ERR") + " without STB");
        if (current != null && (a || e)) {
            current.done = true;
            current.error = e;
            current.result = current.write ? 0 : out[datMiso];
            current.finished = cycle;
            current = null;
            gap = maxDelay == 0 ? 0 : rnd.nextInt(maxDelay + 1);
        }
    }
}
