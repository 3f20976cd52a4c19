package swapipc.sim;

import swapipc.hdl.Generator;
import swapipc.model.Config;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Generated designs for simulation, one directory per configuration, elaborated once per JVM. */
public final class Designs {
    private record Key(Generator.Top top, Config cfg) {}

    private static final Map<Key, Generator.Output> GENERATED = new ConcurrentHashMap<>();

    private Designs() {}

    public static Generator.Output controlArea(Config cfg) {
        return of(Generator.Top.CONTROL_AREA, cfg);
    }

    public static Generator.Output ipcUnit(Config cfg) {
        return of(Generator.Top.IPC_UNIT, cfg);
    }

    /** Simulations always observe the debug ports (owner table, in-transit count, trace flows). */
    public static Generator.Output of(Generator.Top top, Config requested) {
        Config cfg = requested.withDebugPorts(true);
        return GENERATED.computeIfAbsent(new Key(top, cfg), k -> Generator.generate(top, cfg,
            Workspace.root().resolve("target/generated/" + String.join("-", cfg.toMap().values()))));
    }
}
