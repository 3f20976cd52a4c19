package swapipc.sim.bus;

import swapipc.sim.bridge.PortLayout;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.SplittableRandom;

/**
 * A bus-functional AXI4-Lite master on one slave port, stepped once per cycle by its
 * {@link BusSystem}. Accesses are issued in program order: reads may overlap reads and
 * writes overlap writes (so a stream of either runs at full rate), but an access waits until
 * every earlier access of the other kind has its response, as a CPU's device accesses do.
 * AW and W of a write are offered with independent random delays (either order, or together),
 * and B and R are back-pressured at random. Every cycle it checks the slave: a response held
 * under back-pressure keeps its valid and payload, and no response comes without a request.
 */
public final class AxiLiteMaster implements BusMaster {
    private static final int OKAY = 0;
    private static final int SLVERR = 2;

    private final String name;
    private final SplittableRandom rnd;
    private final int awValid, awAddr, awProt, wValid, wData, wStrb, bReady, arValid, arAddr, arProt, rReady;
    private final int awReady, wReady, bValid, bResp, arReady, rValid, rData, rResp;
    private final Deque<BusAccess> queued = new ArrayDeque<>();
    private final Deque<BusAccess> writes = new ArrayDeque<>();
    private final Deque<BusAccess> reads = new ArrayDeque<>();
    private BusAccess offeredWrite;
    private BusAccess offeredRead;
    private double readyChance = 1.0;
    private int maxDelay;
    private boolean heldB;
    private int heldBResp;
    private boolean heldR;
    private int heldRData;
    private int heldRResp;
    private boolean bReadyNow;
    private boolean rReadyNow;

    AxiLiteMaster(PortLayout l, String prefix, long seed) {
        this.name = prefix;
        this.rnd = new SplittableRandom(seed);
        awValid = l.in(prefix + "awvalid");
        awAddr = l.in(prefix + "awaddr");
        awProt = l.in(prefix + "awprot");
        wValid = l.in(prefix + "wvalid");
        wData = l.in(prefix + "wdata");
        wStrb = l.in(prefix + "wstrb");
        bReady = l.in(prefix + "bready");
        arValid = l.in(prefix + "arvalid");
        arAddr = l.in(prefix + "araddr");
        arProt = l.in(prefix + "arprot");
        rReady = l.in(prefix + "rready");
        awReady = l.out(prefix + "awready");
        wReady = l.out(prefix + "wready");
        bValid = l.out(prefix + "bvalid");
        bResp = l.out(prefix + "bresp");
        arReady = l.out(prefix + "arready");
        rValid = l.out(prefix + "rvalid");
        rData = l.out(prefix + "rdata");
        rResp = l.out(prefix + "rresp");
    }

    /** Back-pressure: B and R are taken with probability {@code readyChance}; AW/W offers wait up to {@code maxDelay} cycles. */
    @Override
    public void jitter(double readyChance, int maxDelay) {
        this.readyChance = readyChance;
        this.maxDelay = maxDelay;
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
        queued.add(a);
        return a;
    }

    /** Nothing queued or outstanding. */
    @Override
    public boolean idle() {
        return queued.isEmpty() && writes.isEmpty() && reads.isEmpty() && offeredWrite == null && offeredRead == null;
    }

    @Override
    public void drive(int[] in, long cycle) {
        BusAccess next = queued.peek();
        if (next != null) {
            boolean otherBusy = next.write ? (offeredRead != null || !reads.isEmpty()) : (offeredWrite != null || !writes.isEmpty());
            boolean slotFree = next.write ? offeredWrite == null : offeredRead == null;
            if (!otherBusy && slotFree) {
                queued.poll();
                next.issued = cycle;
                next.awDelay = maxDelay == 0 ? 0 : rnd.nextInt(maxDelay + 1);
                next.wDelay = maxDelay == 0 ? 0 : rnd.nextInt(maxDelay + 1);
                if (next.write) offeredWrite = next;
                else offeredRead = next;
            }
        }
        BusAccess w = offeredWrite;
        in[awValid] = w != null && !w.awDone && w.awDelay == 0 ? 1 : 0;
        in[awAddr] = w != null ? w.address : 0;
        in[awProt] = 0;
        in[wValid] = w != null && !w.wDone && w.wDelay == 0 ? 1 : 0;
        in[wData] = w != null ? w.data : 0;
        in[wStrb] = w != null ? w.strobes : 0;
        in[arValid] = offeredRead != null ? 1 : 0;
        in[arAddr] = offeredRead != null ? offeredRead.address : 0;
        in[arProt] = 0;
        bReadyNow = readyChance >= 1.0 || rnd.nextDouble() < readyChance;
        rReadyNow = readyChance >= 1.0 || rnd.nextDouble() < readyChance;
        in[bReady] = bReadyNow ? 1 : 0;
        in[rReady] = rReadyNow ? 1 : 0;
    }

    @Override
    public void observe(int[] in, int[] out, long cycle) {
        boolean b = out[bValid] != 0;
        boolean r = out[rValid] != 0;
        if (heldB && (!b || out[bResp] != heldBResp)) fail(cycle, "B changed while held under back-pressure");
        if (heldR && (!r || out[rData] != heldRData || out[rResp] != heldRResp)) fail(cycle, "R changed while held under back-pressure");
        BusAccess w = offeredWrite;
        if (w != null) {
            if (in[awValid] != 0 && out[awReady] != 0) w.awDone = true;
            if (in[wValid] != 0 && out[wReady] != 0) w.wDone = true;
            if (w.awDelay > 0) w.awDelay--;
            if (w.wDelay > 0) w.wDelay--;
            if (w.awDone && w.wDone) {
                writes.add(w);
                offeredWrite = null;
            }
        }
        if (offeredRead != null && out[arReady] != 0) {
            reads.add(offeredRead);
            offeredRead = null;
        }
        if (b && bReadyNow) complete(writes.poll(), out[bResp], 0, cycle, "B");
        if (r && rReadyNow) complete(reads.poll(), out[rResp], out[rData], cycle, "R");
        heldB = b && !bReadyNow;
        heldBResp = out[bResp];
        heldR = r && !rReadyNow;
        heldRData = out[rData];
        heldRResp = out[rResp];
    }

    private void complete(BusAccess a, int resp, int data, long cycle, String channel) {
        if (a == null) fail(cycle, channel + " response without an outstanding request");
        if (resp != OKAY && resp != SLVERR) fail(cycle, channel + " response code " + resp + " (only OKAY and SLVERR are used)");
        a.done = true;
        a.error = resp == SLVERR;
        a.result = data;
        a.finished = cycle;
    }

    private void fail(long cycle, String what) {
        throw new AssertionError(name + " cycle " + cycle + ": AXI4-Lite violation: " + what);
    }
}
