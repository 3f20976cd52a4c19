package swapipc.sim.bridge;

import java.util.ArrayList;
import java.util.List;

/**
 * The word layout of a one-cycle batch: inputs and outputs are registered by port name, each
 * gets its word offset, and one {@link #step} pokes, evaluates, samples and clocks in a single
 * JNI crossing. For test benches that react to last cycle's outputs (valid/ready protocols).
 */
public final class PortLayout implements PinSource {
    private final Simulation sim;
    private final List<Integer> inIds = new ArrayList<>();
    private final List<Integer> outIds = new ArrayList<>();
    private int inWords;
    private int outWords;
    private Simulation.Batch batch;
    public int[] in;
    public int[] out;

    public PortLayout(Simulation sim) {
        this.sim = sim;
    }

    /** Registers an input port; returns its word offset in {@link #in}. */
    @Override
    public int in(String port) {
        int id = sim.id(port);
        inIds.add(id);
        int at = inWords;
        inWords += words(id);
        return at;
    }

    /** Registers an output port; returns its word offset in {@link #out}. */
    @Override
    public int out(String port) {
        int id = sim.id(port);
        outIds.add(id);
        int at = outWords;
        outWords += words(id);
        return at;
    }

    /** The 32-bit words a port takes in {@link #in} or {@link #out}. */
    public int words(String port) {
        return words(sim.id(port));
    }

    private int words(int id) {
        return (sim.model().port(id).width() + 31) / 32;
    }

    /** Fixes the layout; call once after registering every port. */
    public void seal() {
        batch = sim.batch(inIds.stream().mapToInt(Integer::intValue).toArray(), outIds.stream().mapToInt(Integer::intValue).toArray());
        in = new int[Math.max(1, inWords)];
        out = new int[Math.max(1, outWords)];
    }

    /** One cycle: drive {@link #in}, settle, sample into {@link #out}, rising edge. */
    public void step() {
        batch.run(in, out, 1);
    }
}
