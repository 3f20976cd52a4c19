package swapipc.sim.bus;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import swapipc.model.BusKind;
import swapipc.model.Config;
import swapipc.model.Message;
import swapipc.model.MessageKind;
import swapipc.model.RegisterMap;
import swapipc.model.SendStatus;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cycle counts on each bus (deterministic, not wall time): back-to-back SEND_DATA writes and
 * RX_DATA reads in steady state, at the rate the bus allows (AXI4-Lite one access per cycle,
 * APB3 and classic Wishbone one per two), and one 64-byte call + reply through the driver.
 */
class BusRateTest {
    private static final int WORDS = 62;

    @ParameterizedTest
    @EnumSource(BusKind.class)
    void streamsRunAtTheBusRate(BusKind bus) {
        Config cfg = Config.DEFAULT;
        try (BusSystem sys = new BusSystem(cfg, bus, 1, "mvn -pl sim test -Dtest=BusRateTest")) {
            EndpointDriver ep0 = new EndpointDriver(sys, 0);
            EndpointDriver ep1 = new EndpointDriver(sys, 1);
            RegisterMap map = ep0.map();
            ep0.set(map.SEND_CTRL, map.SEND_CTRL.field("dst").put(1));
            ep0.set(map.SEND_LEN, 4 * WORDS);
            ep0.set(map.SEND_GO, 1);
            sys.run(() -> map.SEND_STATUS.field("pending").get(ep0.get(map.SEND_STATUS)) == 0, 1000, "send answer");
            List<BusAccess> writes = new ArrayList<>();
            for (int k = 0; k < WORDS; k++) writes.add(sys.master(0).write(map.SEND_DATA.offset(), k));
            for (BusAccess a : writes) assertTrue(!sys.await(a).error(), a.toString());
            double writeCycles = perAccess(writes);
            sys.run(ep1::presented, 2000, "the message to be presented");
            List<BusAccess> reads = new ArrayList<>();
            for (int k = 0; k < WORDS; k++) reads.add(sys.master(1).read(map.RX_DATA.offset() + 4 * k));
            for (int k = 0; k < WORDS; k++) assertEquals(k, sys.await(reads.get(k)).data());
            double readCycles = perAccess(reads);
            ep1.set(map.RX_RELEASE, 1);

            long start = sys.cycle();
            int[] args = new int[16];
            Message call = new Message(0, 1, MessageKind.CALL, 1, 2, 16, 64, args);
            assertEquals(SendStatus.OK, ep0.send(call, false));
            ep1.receive(5000);
            assertEquals(SendStatus.OK, ep1.send(new Message(1, 0, MessageKind.RETURN, 1, 2, 16, 64, args), false));
            ep0.receive(5000);
            long callReply = sys.cycle() - start;
            System.out.printf("BusRateTest %s: SEND_DATA %.2f cycles/write, RX_DATA %.2f cycles/read, 64 B call + reply through the driver %d cycles%n",
                bus, writeCycles, readCycles, callReply);
            double best = bus == BusKind.AXI4_LITE ? 1.0 : 2.0;
            assertEquals(best, writeCycles, 0.01, "SEND_DATA writes at the bus's best rate");
            assertEquals(best, readCycles, 0.01, "RX_DATA reads at the bus's best rate");
        }
    }

    /** Steady-state cycles between consecutive answers. */
    private static double perAccess(List<BusAccess> as) {
        return (double) (as.get(as.size() - 1).finished - as.get(0).finished) / (as.size() - 1);
    }
}
