package swapipc.sim.bus;

import swapipc.sim.bridge.PortLayout;

/**
 * A bus-functional APB3 master: one transfer at a time, setup phase (PSEL) then access phase
 * (PENABLE) until PREADY, with random idle cycles between transfers, back to back (two cycles
 * per transfer) without them. An APB3 slave's only obligations are PREADY, PRDATA and PSLVERR in
 * the access phase, and the master samples them only there; a slave that never answers fails by
 * the system's time limit.
 */
public final class Apb3Master extends SerialMaster {
    private enum Phase { IDLE, SETUP, ACCESS }

    private final int pAddr, pSel, pEnable, pWrite, pWData;
    private final int pReady, pRData, pSlvErr;
    private Phase phase = Phase.IDLE;

    Apb3Master(PortLayout l, String prefix, long seed) {
        super(prefix, seed);
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
    protected void check(BusAccess a) {
        if (a.write && a.strobes != 0xF) throw new IllegalArgumentException("APB3 has no byte strobes: every write is a whole word");
    }

    @Override
    public void drive(int[] in, long cycle) {
        if (phase == Phase.IDLE && startNext(cycle)) phase = Phase.SETUP;
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
            finish(out[pSlvErr] != 0, out[pRData], cycle);
            phase = Phase.IDLE;
        }
    }
}
