package swapipc.sim.units;

import org.junit.jupiter.api.Test;
import swapipc.model.Config;
import swapipc.sim.Designs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each unit bench fails on a unit with one line of its generated Verilog broken (seed 1). */
class UnitBenchMutantTest {
    private static final String REPLAY = "mvn -pl sim test -Dtest=UnitBenchMutantTest -Dswapipc.seed=";

    private static UnitBench.Result runMutant(UnitBench bench, String name, String original, String mutated) {
        UnitBench.Result r = bench.run(Designs.mutant(bench.design(), name, original, mutated), 20_000);
        assertFalse(r.passed(), name + ": the mutant passed");
        return r;
    }

    @Test
    void waitListBusyOnlyOnceTheHeadShowsFails() {
        UnitBench.Result r = runMutant(new WaitListBench(Config.DEFAULT, 1, REPLAY), "waitlist-busy-late",
            "assign io_busy = (queue_io_occupancy != 2'b00);", "assign io_busy = (io_head != 2'b00);");
        assertTrue(r.failure().contains("busy 0"), r.failure());
    }

    @Test
    void marshalerLeavingTheListWithoutBeingInItFails() {
        UnitBench.Result r = runMutant(new MarshalerBench(Config.DEFAULT, 1, REPLAY), "marshaler-leave",
            "assign io_waitLeave = (io_allocated_valid && inList);", "assign io_waitLeave = io_allocated_valid;");
        assertTrue(r.failure().contains("waitLeave 1"), r.failure());
    }

    @Test
    void bufferPortAnsweringADoubleFreeAsForeignFails() {
        UnitBench.Result r = runMutant(new BufferPortBench(Config.DEFAULT.withBuffers(8), 1, REPLAY), "bufferport-double-free-foreign",
            "&& flagFree) ? 3'b011 :", "&& flagFree) ? 3'b100 :");
        assertTrue(r.failure().contains("DOUBLE_FREE"), r.failure());
    }

    @Test
    void copyEnginePresentingOnlyAfterItsFreeWasAnsweredFails() {
        UnitBench.Result r = runMutant(new CopyEngineBench(Config.DEFAULT, 1, REPLAY), "copyengine-present-late",
            "assign io_present_valid = ((state_1[State_PRESENT_OH_ID]) || lastFree);", "assign io_present_valid = (state_1[State_PRESENT_OH_ID]);");
        assertTrue(r.failure().contains("not presented in the cycle its buffer's free was answered"), r.failure());
    }
}
