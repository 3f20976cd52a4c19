package swapipc.sim;

import swapipc.hdl.Generator;
import swapipc.model.Board;
import swapipc.model.Config;
import swapipc.model.SystemConfig;

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

    /** The ControlArea inside its formal harness, the properties compiled as simulation assertions (same ports). */
    public static Generator.Output controlAreaChecked(Config cfg) {
        return of(Generator.Top.CONTROL_AREA_CHECKED, cfg);
    }

    public static Generator.Output ipcUnit(Config cfg) {
        return of(Generator.Top.IPC_UNIT, cfg);
    }

    private static final Map<SystemConfig, Generator.Output> SYSTEMS = new ConcurrentHashMap<>();

    /** The three-party IpcSystem, with its debug ports. */
    public static Generator.Output system(SystemConfig requested) {
        SystemConfig sys = requested.withDebugPorts(true);
        return SYSTEMS.computeIfAbsent(sys, k -> Generator.generateSystem(sys,
            Workspace.root().resolve("target/generated/system-" + String.join("-", sys.toMap().values())), "IpcSystem"));
    }

    private static final Map<Board, Generator.Output> BOARDS = new ConcurrentHashMap<>();

    /** What {@code board} runs (BoardCore: bridge, register cores, IpcUnit) at its own baud divisor. */
    public static Generator.Output board(Board board) {
        return BOARDS.computeIfAbsent(board, b -> Generator.generateBoard(b, Generator.Top.BOARD_CORE,
            Workspace.root().resolve("target/generated/board-" + b.name)));
    }

    /** Simulations always observe the debug ports (owner table, in-transit count, trace flows). */
    public static Generator.Output of(Generator.Top top, Config requested) {
        Config cfg = requested.withDebugPorts(true);
        return GENERATED.computeIfAbsent(new Key(top, cfg), k -> Generator.generate(top, cfg,
            Workspace.root().resolve("target/generated/" + String.join("-", cfg.toMap().values()))));
    }
}
