package swapipc.sim.bus;

import swapipc.sim.bridge.PortLayout;

/**
 * A bus-functional Wishbone B4 classic master: CYC and STB with the address, WE, data and SEL
 * held until ACK or ERR, one access at a time, with random idle cycles between accesses (without
 * them STB stays up and the next access follows its predecessor's ACK directly). ADR is the word
 * address. Checks every cycle: ACK and ERR never together, and neither outside an access.
 */
public final class WishboneMaster extends SerialMaster {
    private final int cyc, stb, we, adr, datMosi, sel;
    private final int ack, err, datMiso;

    WishboneMaster(PortLayout l, String prefix, long seed) {
        super(prefix, seed);
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
    protected void check(BusAccess a) {
        if ((a.address & 3) != 0) throw new IllegalArgumentException(String.format("Wishbone addresses words: 0x%x is not one", a.address));
    }

    @Override
    public void drive(int[] in, long cycle) {
        startNext(cycle);
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
        if (current != null && (a || e)) finish(e, out[datMiso], cycle);
    }
}
