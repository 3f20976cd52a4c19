package swapipc.sim.fpga;

import org.junit.jupiter.api.Test;
import swapipc.hdl.Generator;
import swapipc.model.Config;
import swapipc.sim.Workspace;

import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every combinational input-to-output path of the committed tops is one that docs/architecture.md
 * ("Combinational paths at the boundary") lists and explains; a new one fails here until it is.
 */
class CombinationalPathsTest {
    @Test
    void controlAreaHasOnlyTheAnswerToReadyPaths() throws Exception {
        Generator.Output top = Generator.generate(Generator.Top.CONTROL_AREA, Config.DEFAULT, Workspace.root().resolve("target/comb/ControlArea"));
        TreeSet<String> expected = new TreeSet<>();
        for (int p = 0; p < Config.DEFAULT.ports(); p++) {
            expected.add("io_alloc_" + p + "_rsp_ready -> io_alloc_" + p + "_req_ready");
            expected.add("io_free_" + p + "_rsp_ready -> io_free_" + p + "_req_ready");
        }
        assertEquals(expected, CombinationalPaths.of(top.verilog(), "ControlArea", top.ports(), Workspace.root().resolve("target/comb/ControlArea")));
    }

    @Test
    void ipcUnitHasOnlyTheDocumentedPaths() throws Exception {
        Generator.Output top = Generator.generate(Generator.Top.IPC_UNIT, Config.DEFAULT, Workspace.root().resolve("target/comb/IpcUnit"));
        TreeSet<String> expected = new TreeSet<>();
        int e = Config.DEFAULT.endpoints();
        for (int k = 0; k < e; k++) {
            String ep = "io_ep_" + k + "_";
            expected.add(ep + "irqEnable -> " + ep + "irq");
            expected.add(ep + "irqThreshold -> " + ep + "irq");
            for (int j = 0; j < e; j++) expected.add("io_ep_" + j + "_sendData_valid -> " + ep + "sendData_ready");
        }
        assertEquals(expected, CombinationalPaths.of(top.verilog(), "IpcUnit", top.ports(), Workspace.root().resolve("target/comb/IpcUnit")));
    }
}
