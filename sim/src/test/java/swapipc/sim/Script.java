package swapipc.sim;

import swapipc.model.Config;
import swapipc.model.ControlArea;
import swapipc.model.CyclePins;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A directed test as a list of cycles: what to drive in each, and what must be seen in it. It runs
 * through {@link Lockstep}, so besides its own checks every cycle's RTL outputs must equal the
 * model's. Inputs not driven are idle, with every answer channel ready.
 */
final class Script implements Stimulus {
    private final Config cfg;
    private final List<Consumer<CyclePins>> drives = new ArrayList<>();
    private final List<Consumer<CyclePins>> checks = new ArrayList<>();

    Script(Config cfg) { this.cfg = cfg; }

    Script cycle(Consumer<CyclePins> drive, Consumer<CyclePins> check) {
        drives.add(drive);
        checks.add(check);
        return this;
    }

    Script drive(Consumer<CyclePins> drive) { return cycle(drive, p -> {}); }

    Script expect(Consumer<CyclePins> check) { return cycle(p -> {}, check); }

    Script idle(int cycles) {
        for (int i = 0; i < cycles; i++) cycle(p -> {}, p -> {});
        return this;
    }

    /** Waits out the Fig. 8 walk after reset. */
    Script afterInit() { return idle(cfg.buffers()).expect(p -> assertEquals(true, p.initDone)); }

    @Override
    public void next(long cycle, CyclePins p, ControlArea area) {
        Stimulus.idle(p);
        drives.get((int) cycle).accept(p);
    }

    @Override
    public void observe(long cycle, CyclePins p) {
        checks.get((int) cycle).accept(p);
    }

    /** Runs the script on the RTL and the model; fails on the first check or RTL/model difference. */
    void run() {
        String test = StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst()
            .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "#" + f.getMethodName())
            .orElse("DirectedTest"));
        Lockstep.Result r = Lockstep.run(cfg, this, 0, "./swapipc test -Dtest=" + test + " (deterministic)",
            drives.size(), false);
        assertNull(r.firstMismatch());
        assertEquals(drives.size(), r.cycles());
    }

    static String flags(CyclePins p) {
        StringBuilder sb = new StringBuilder();
        for (boolean f : p.flags) sb.append(f ? '1' : '0');
        return sb.toString();
    }
}
