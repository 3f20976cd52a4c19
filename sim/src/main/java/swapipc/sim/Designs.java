package swapipc.sim;

import swapipc.hdl.Generator;
import swapipc.model.Board;
import swapipc.model.Config;
import swapipc.model.SystemConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

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

    /**
     * A copy of {@code good} with the Verilog text {@code original}, which must occur exactly once,
     * replaced by {@code mutated}: a mutant for the tests that show a check bites, written under
     * target/mutants/{@code name}.
     */
    public static Generator.Output mutant(Generator.Output good, String name, String original, String mutated) {
        return mutant(good, name, v -> {
            int at = v.indexOf(original);
            if (at < 0 || v.indexOf(original, at + 1) >= 0) {
                throw new IllegalStateException("the text to mutate must occur exactly once in " + good.verilog() + ": " + original);
            }
            return v.replace(original, mutated);
        });
    }

    /** A copy of {@code good} with its Verilog edited by {@code edit}, written under target/mutants/{@code name}. */
    public static Generator.Output mutant(Generator.Output good, String name, UnaryOperator<String> edit) {
        try {
            Path dir = Files.createDirectories(Workspace.root().resolve("target/mutants/" + name));
            Path file = dir.resolve(good.verilog().getFileName());
            Files.writeString(file, edit.apply(Files.readString(good.verilog())));
            return new Generator.Output(good.top(), good.config(), file, good.manifest(), good.ports());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Simulations always observe the debug ports (owner table, in-transit count, trace flows). */
    public static Generator.Output of(Generator.Top top, Config requested) {
        Config cfg = requested.withDebugPorts(true);
        return GENERATED.computeIfAbsent(new Key(top, cfg), k -> Generator.generate(top, cfg,
            Workspace.root().resolve("target/generated/" + String.join("-", cfg.toMap().values()))));
    }
}
