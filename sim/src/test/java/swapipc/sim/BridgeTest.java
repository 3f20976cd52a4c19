package swapipc.sim;

import org.junit.jupiter.api.Test;
import swapipc.model.AllocPolicy;
import swapipc.model.Config;
import swapipc.sim.bridge.Simulation;
import swapipc.sim.bridge.VerilatedModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JNI bridge itself: caching, several models per JVM, batch = per-signal, waves, clear errors. */
class BridgeTest {
    @Test
    void unchangedRtlIsNotRebuilt() {
        VerilatedModel a = VerilatedModel.of(Designs.controlArea(Config.DEFAULT), false);
        VerilatedModel b = VerilatedModel.of(Designs.controlArea(Config.DEFAULT), false);
        assertEquals(a.library(), b.library());
    }

    @Test
    void differentModelsLiveInOneJvm() {
        VerilatedModel small = VerilatedModel.of(Designs.controlArea(Config.DEFAULT.withBuffers(4)), false);
        VerilatedModel scan = VerilatedModel.of(Designs.controlArea(Config.DEFAULT.withAllocPolicy(AllocPolicy.SCAN)), false);
        assertNotEquals(small.library(), scan.library());
        try (Simulation s1 = small.instantiate(null); Simulation s2 = scan.instantiate(null)) {
            s1.reset(2);
            s2.reset(2);
            // The walk frees one flag per cycle; freeCount follows the flags one cycle late.
            s1.tick(5);
            s2.tick(33);
            s1.eval();
            s2.eval();
            assertEquals(4, s1.peek(s1.id("io_freeCount")));
            assertEquals(32, s2.peek(s2.id("io_freeCount")));
        }
    }

    @Test
    void batchAndPerSignalPathsAgree() {
        Config cfg = Config.DEFAULT.withBuffers(33);
        VerilatedModel model = VerilatedModel.of(Designs.controlArea(cfg), false);
        ControlAreaPins pins = new ControlAreaPins(cfg, model);
        int cycles = 3000;
        int[] in = Bench.stimulus(cfg, pins, 7, cycles);
        int[] batchOut = new int[cycles * pins.outputWords()];
        int[] signalOut = new int[cycles * pins.outputWords()];
        try (Simulation sim = model.instantiate(null); Simulation.Batch batch = sim.batch(pins.inputIds(), pins.outputIds())) {
            sim.reset(2);
            batch.run(in, batchOut, cycles);
        }
        try (Simulation sim = model.instantiate(null)) {
            sim.reset(2);
            Bench.perSignal(sim, pins, in, signalOut, cycles);
        }
        assertArrayEquals(batchOut, signalOut);
    }

    @Test
    void wavesAreWrittenOnRequest() throws IOException {
        Config cfg = Config.DEFAULT.withBuffers(4);
        Path fst = Workspace.waves().resolve("bridge-test.fst");
        Files.deleteIfExists(fst);
        try (Simulation sim = VerilatedModel.of(Designs.controlArea(cfg), true).instantiate(fst)) {
            sim.reset(2);
            sim.tick(10);
        }
        assertTrue(Files.size(fst) > 100, "FST file " + fst + " is empty");
    }

    @Test
    void unknownPortsAndClosedInstancesFailClearly() {
        VerilatedModel model = VerilatedModel.of(Designs.controlArea(Config.DEFAULT), false);
        Simulation sim = model.instantiate(null);
        String msg = assertThrows(IllegalArgumentException.class, () -> sim.id("io_nope")).getMessage();
        assertTrue(msg.startsWith("no port 'io_nope' in ControlArea.v; ports: "), msg);
        sim.close();
        assertThrows(IllegalStateException.class, () -> sim.tick(1));
    }
}
