package swapipc.sim.bus;

import swapipc.sim.PortLayout;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.SplittableRandom;

/**
 * A bus-functional APB3 master: one transfer at a time, setup phase (PSEL) then access phase
 * (PENABLE) until PREADY, with random idle cycles between transfers, back to back (two cycles
 * per transfer) without them. An APB3 slave's only obligations are PREADY, PRDATA and PSLVERR in
 * the access phase, and the master samples them only there; a slave that never answers fails by
 * the system's time limit.
 */
public final class Apb3Master implements BusMaster {
    private enum Phase { IDLE, SETUP, ACCESS }

    private final String name;
    private final SplittableRandom rnd;
    private final int pAddr, pSel, pEnable, pWrite, pWData;
    private final int pReady, pRData, pSlvErr;
    private final Deque<BusAccess> queued = new ArrayDeque<>();
    private BusAccess current;
    private Phase phase = Phase.IDLE;
    private int maxDelay;
    private int gap;

    Apb3Master(PortLayout l, String prefix, long seed) {
        this.name = prefix;
        this.rnd = new SplittableRandom(seed);
        pAddr = l.in(prefix + "PADDR");
        pSel = l.in(prefix + "PSEL");
        pEnable = l.in(prefix + "PENABLE");
        pWrite = l.in(prefix + "PWRITE");
        pWData = l.in(prefix + "PWDATA");
        pReady = l.out(prefix + "PREADY");
        pRData = l.out(prefix + "PRDATA");
        pSlvErr = l.out(prefix + "PSLVERROR");
    }

    @Override
    public BusAccess read(int address) {
        return enqueue(new BusAccess(false, address, 0, 0xF));
    }

    @Override
    public BusAccess write(int address, int data, int strobes) {
        if (strobes != 0xF) throw new IllegalArgumentException("APB3 has no byte strobes: every write is a whole word");
        return enqueue(new BusAccess(true, address, data, strobes));
    }

    private BusAccess enqueue(BusAccess a) {
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
        if (phase == Phase.IDLE && current == null && !queued.isEmpty()) {
            if (gap > 0) {
                gap--;
            } else {
                current = queued.poll();
                current.issued = cycle;
                phase = Phase.SETUP;
            }
        }
        in[pSel] = phase != Phase.IDLE ? 1 : 0;
        in[pEnable] = phase == Phase.ACCESS ? 1 : 0;
        in[pAddr] = current != null ? current.address : 0;
        in[pWrite] = current != null && current.write ? 1 : 0;
        in[pWData] = current != null ? current.data : 0;
    }

    @Override
    public void observe(int[] in, int[] out, long cycle) {
        if (phase == Phase.SETUP) {
            phase = Phase.ACCESS;
        } else if (phase == Phase.ACCESS && out[pReady] != 0) {
            current.done = true;
            current.error = out[pSlvErr] != 0;
            current.result = current.write ? 0 : out[pRData];
            current.finished = cycle;
            current = null;
            phase = Phase.IDLE;
            gap = maxDelay == 0 ? 0 : rnd.nextInt(maxDelay + 1);
        }
    }
}
