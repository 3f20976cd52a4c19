package swapipc.sim.bus;

/** How a driver waits for its bus accesses: the system's clock, or its turn in {@link BusPrograms}. */
public interface BusClock {
    /** Returns once the access has its response. */
    BusAccess await(BusAccess a);

    long cycle();

    /** A failure naming the cycle and how to replay. */
    AssertionError failure(String what);
}
