package swapipc.sim.bus;

import swapipc.model.BusKind;
import swapipc.sim.bridge.PortLayout;

/**
 * A bus-functional master on one endpoint's slave port, stepped once per cycle by {@link BusSystem}:
 * {@link #drive} sets its inputs for the cycle, {@link #observe} reads the slave's outputs of the
 * same cycle (before the clock edge), completes accesses and checks the bus protocol.
 * Accesses complete in program order as seen by the slave.
 */
public interface BusMaster {
    BusAccess read(int address);

    BusAccess write(int address, int data, int strobes);

    default BusAccess write(int address, int data) {
        return write(address, data, 0xF);
    }

    /** Random gaps of up to {@code maxDelay} cycles before an access, and response back-pressure where the bus has it. */
    void jitter(double readyChance, int maxDelay);

    /** Nothing queued or outstanding. */
    boolean idle();

    void drive(int[] in, long cycle);

    void observe(int[] in, int[] out, long cycle);

    /** The master for {@code bus} on the ports named {@code prefix...} of the layout. */
    static BusMaster of(BusKind bus, PortLayout layout, String prefix, long seed) {
        return switch (bus) {
            case AXI4_LITE -> new AxiLiteMaster(layout, prefix, seed);
            case APB3 -> new Apb3Master(layout, prefix, seed);
            case WISHBONE -> new WishboneMaster(layout, prefix, seed);
        };
    }
}
