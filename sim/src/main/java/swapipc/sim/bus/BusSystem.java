package swapipc.sim.bus;

import swapipc.hdl.Generator;
import swapipc.model.BusKind;
import swapipc.model.Config;
import swapipc.sim.Designs;
import swapipc.sim.IpcChecks;
import swapipc.sim.IpcPins;
import swapipc.sim.Workspace;
import swapipc.sim.bridge.PortLayout;
import swapipc.sim.bridge.RtlAssertionFailure;
import swapipc.sim.bridge.Simulation;
import swapipc.sim.bridge.VerilatedModel;
import swapipc.sim.coverage.FunctionalCoverage;
import swapipc.sim.coverage.IpcCoverage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A Verilated bus top (IpcAxiLite, IpcApb3, IpcWishbone) with one {@link BusMaster} per endpoint, stepped together one
 * cycle per JNI crossing. From initDone on, every cycle is judged by the native bench's monitors and
 * scoreboards ({@link IpcChecks}) through the top's taps of the IpcUnit's pins: what the bus
 * software makes the unit do is held to the model as the native traffic is; the build's RTL
 * assertions (SimChecks, the control area's properties) stop the run too. Failures name the
 * seed and how to replay.
 */
public final class BusSystem implements AutoCloseable, BusClock {
    private final Config cfg;
    private final Simulation sim;
    private final PortLayout layout;
    private final List<BusMaster> masters = new ArrayList<>();
    private final int initDone, irq;
    private final UnitTaps taps;
    private final IpcChecks checks;
    private boolean checking;
    private final String replay;
    private final BusKind bus;
    private long cycle;

    /** {@code replay}: the command that reruns this test with the same seed, printed with any failure. */
    public BusSystem(Config cfg, BusKind bus, long seed, String replay) {
        this(Designs.of(Generator.Top.of(bus), cfg.withDebugPorts(true)), cfg, bus, seed, replay);
    }

    /** A given build of the bus top with debugPorts (a mutant, for the tests that show a check bites). */
    public BusSystem(Generator.Output design, Config cfg, BusKind bus, long seed, String replay) {
        this.cfg = cfg.withDebugPorts(true);
        this.replay = replay;
        this.bus = bus;
        VerilatedModel model = VerilatedModel.of(design, Workspace.wavesRequested());
        Path trace = Workspace.wavesRequested() ? Workspace.waves().resolve(bus.top + "-" + seed + ".fst") : null;
        sim = model.instantiate(trace);
        layout = new PortLayout(sim);
        for (int e = 0; e < cfg.endpoints(); e++) masters.add(BusMaster.of(bus, layout, "ep_" + e + "_", seed * 31 + e));
        initDone = layout.out("io_initDone");
        irq = layout.out("io_irq");
        layout.in("io_errClear");
        taps = new UnitTaps(layout);
        checks = new IpcChecks(this.cfg, new IpcPins(this.cfg, taps), IpcCoverage.declare(new FunctionalCoverage()), null);
        layout.seal();
        sim.reset(4);
        run(() -> layout.out[initDone] != 0, 4L * cfg.buffers() * cfg.bufferWords() + 100, "initialisation");
        checking = true;
    }

    /** The monitors and scoreboards judging this run. */
    public IpcChecks checks() { return checks; }

    public Config config() { return cfg; }

    public BusKind bus() { return bus; }

    public BusMaster master(int endpoint) { return masters.get(endpoint); }

    @Override
    public long cycle() { return cycle; }

    /** The irq line of an endpoint, as of the last cycle. */
    public boolean irq(int endpoint) { return (layout.out[irq] >> endpoint & 1) != 0; }

    public void step() {
        for (BusMaster m : masters) m.drive(layout.in, cycle);
        try {
            layout.step();
        } catch (RtlAssertionFailure rtl) {
            throw failure(rtl.getMessage());
        }
        for (BusMaster m : masters) m.observe(layout.in, layout.out, cycle);
        if (checking) {
            taps.sample();
            checks.observe(taps.in, layout.out, cycle);
            if (checks.failure() != null) throw failure(checks.failure());
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
