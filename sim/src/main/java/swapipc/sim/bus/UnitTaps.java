package swapipc.sim.bus;

import swapipc.sim.bridge.PinSource;
import swapipc.sim.bridge.PortLayout;

import java.util.ArrayList;
import java.util.List;

/**
 * The IpcUnit's pins inside a debug bus top (IpcBus): every unit port has a copy `tap_<name>`
 * among the top's outputs. Outputs are found there directly; the unit's inputs, which the
 * endpoint registers drive, are copied by {@link #sample} into {@link #in} after each cycle, so a
 * monitor reads them as it reads a bare IpcUnit's inputs.
 */
final class UnitTaps implements PinSource {
    private final PortLayout layout;
    private final List<Integer> from = new ArrayList<>();
    private int[] offsets;
    /** The unit's inputs of the last cycle (valid after {@link #sample}). */
    int[] in;

    UnitTaps(PortLayout layout) {
        this.layout = layout;
    }

    @Override
    public int in(String port) {
        String tap = "tap_" + port;
        // One word per input keeps the copy a plain gather; the IpcUnit has no wider input.
        if (layout.words(tap) != 1) throw new IllegalArgumentException(tap + " is wider than 32 bits");
        from.add(layout.out(tap));
        return from.size() - 1;
    }

    @Override
    public int out(String port) {
        return layout.out("tap_" + port);
    }

    /** Copies the unit's inputs from the taps sampled in the last step. */
    void sample() {
        if (offsets == null) {
            offsets = from.stream().mapToInt(Integer::intValue).toArray();
            in = new int[offsets.length];
        }
        for (int k = 0; k < offsets.length; k++) in[k] = layout.out[offsets[k]];
    }
}
