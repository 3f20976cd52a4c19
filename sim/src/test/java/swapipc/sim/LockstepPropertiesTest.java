package swapipc.sim;

import org.junit.jupiter.api.Test;
import swapipc.hdl.Generator;
import swapipc.model.Config;

import java.io.IOException;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ControlArea's formal properties run as assertions in every lockstep simulation. */
class LockstepPropertiesTest {
    /** Free port 0 answers a free of a free buffer OK (the proofs' FREE_OF_FREE_OK mutant). */
    private static final String ORIGINAL = "port_0_rspStatus <= ((! port_0_validRef) ? 2'b01 : (io_swap_0_old ? 2'b10 : 2'b00));";
    private static final String MUTATED = "port_0_rspStatus <= ((! port_0_validRef) ? 2'b01 : 2'b00);";

    @Test
    void theLockstepBuildCarriesThePropertiesAsAssertions() throws IOException {
        String v = Files.readString(Designs.controlAreaChecked(Config.DEFAULT).verilog());
        assertTrue(v.contains("module ControlAreaChecked_ControlArea"), "the harness wraps the ControlArea");
        assertTrue(v.contains("answered the free its reference and the shadow call for"), "the free-answer property is compiled in");
        assertTrue(!v.contains("$anyseq"), "no formal-only construct in a simulation build");
    }

    @Test
    void aDoubleFreeAnsweredOkStopsOnThePropertyInItsBatch() {
        Config cfg = Config.DEFAULT;
        Generator.Output mutant = Designs.mutant(Designs.controlAreaChecked(cfg), "lockstep-free-of-free-ok", ORIGINAL, MUTATED);
        Lockstep.Result r = Lockstep.run(mutant, cfg, new Traffic(cfg, 1, Traffic.Profile.DEFAULT), 1,
            "mvn -pl sim test -Dtest=LockstepPropertiesTest", 200_000, false);
        assertNotNull(r.firstMismatch(), "the mutant passed");
        assertTrue(r.firstMismatch().contains("an RTL assertion failed")
            && r.firstMismatch().contains("FAILURE port 0 freed a buffer that was not allocated"), r.firstMismatch());
    }
}
