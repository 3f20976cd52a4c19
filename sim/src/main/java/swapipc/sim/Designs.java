package swapipc.sim;

import swapipc.hdl.Generator;
import swapipc.model.Config;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Generated designs for simulation, one directory per configuration, elaborated once per JVM. */
public final class Designs {
    private static final Map<Config, Generator.Output> GENERATED = new ConcurrentHashMap<>();

    private Designs() {}

    public static Generator.Output controlArea(Config cfg) {
        return GENERATED.computeIfAbsent(cfg, c -> Generator.generate(c,
            Workspace.root().resolve("target/generated/" + String.join("-", c.toMap().values()))));
    }
}
