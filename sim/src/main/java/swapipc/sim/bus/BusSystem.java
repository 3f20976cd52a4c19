package swapipc.sim.bus;

import swapipc.hdl.Generator;
import swapipc.model.BusKind;
import swapipc.model.Config;
import swapipc.sim.Designs;
import swapipc.sim.Workspace;
import swapipc.sim.bridge.PortLayout;
import swapipc.sim.bridge.Simulation;
import swapipc.sim.bridge.VerilatedModel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A Verilated bus top (IpcAxiLite, IpcApb3, IpcWishbone) with one {@link BusMaster} per endpoint, stepped together one
 * cycle per JNI crossing. Every cycle it also checks conservation (free buffers + buffers held in
 * the message path or claimed = n, from the debug ports). Failures name the seed and how to replay.
 */
public final class BusSystem implements AutoCloseable, BusClock {
    private final Config cfg;
    private final Simulation sim;
    private final PortLayout layout;
    private final List<BusMaster> masters = new ArrayList<>();
    private final int initDone, freeCount, inTransit, irq;
    private final String replay;
    private final BusKind bus;
    private long cycle;

    /** {@code replay}: the command that reruns this test with the same seed, printed with any failure. */
    public BusSystem(Config cfg, BusKind bus, long seed, String replay) {
        this.cfg = cfg.withDebugPorts(true);
        this.replay = replay;
        this.bus = bus;
        VerilatedModel model = VerilatedModel.of(Designs.of(Generator.Top.of(bus), this.cfg), Workspace.wavesRequested());
        Path trace = Workspace.wavesRequested() ? Workspace.waves().resolve(bus.top + "-" + seed + ".fst") : null;
        sim = model.instantiate(trace);
        layout = new PortLayout(sim);
        for (int e = 0; e < cfg.endpoints(); e++) masters.add(BusMaster.of(bus, layout, "ep_" + e + "_", seed * 31 + e));
        initDone = layout.out("io_initDone");
        freeCount = layout.out("io_freeCount");
        inTransit = layout.out("io_inTransit");
        irq = layout.out("io_irq");
        layout.in("io_errClear");
        layout.seal();
        sim.reset(4);
        run(() -> layout.out[initDone] != 0, 4L * cfg.buffers() * cfg.bufferWords() + 100, "initialisation");
    }

    public Config config() { return cfg; }

    public BusKind bus() { return bus; }

    public BusMaster master(int endpoint) { return masters.get(endpoint); }

    @Override
    public long cycle() { return cycle; }

    /** The irq line of an endpoint, as of the last cycle. */
    public boolean irq(int endpoint) { return (layout.out[irq] >> endpoint & 1) != 0; }

    public void step() {
        for (BusMaster m : masters) m.drive(layout.in, cycle);
        layout.step();
        for (BusMaster m : masters) m.observe(layout.in, layout.out, cycle);
        if (layout.out[initDone] != 0 && layout.out[freeCount] + layout.out[inTransit] != cfg.buffers()) {
            throw failure("conservation broken: free " + layout.out[freeCount] + " + in transit " + layout.out[inTransit] + " != " + cfg.buffers());
        }
        cycle++;
    }

    /** Steps until {@code done}; more than {@code limit} cycles is a failure naming {@code what}. */
    public void run(BooleanSupplier done, long limit, String what) {
        long start = cycle;
        while (!done.getAsBoolean()) {
            if (cycle - start > limit) throw failure(what + " not done after " + limit + " cycles");
            step();
        }
    }

    /** Steps until the access has its response. */
    @Override
    public BusAccess await(BusAccess a) {
        run(a::done, 10_000, a.toString());
        return a;
    }

    @Override
    public AssertionError failure(String what) {
        return new AssertionError("cycle " + cycle + ": " + what + "\n  replay: " + replay);
    }

    @Override
    public void close() {
        sim.close();
    }
}
