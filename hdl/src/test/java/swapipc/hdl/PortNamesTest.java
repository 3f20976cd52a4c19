package swapipc.hdl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import swapipc.model.Config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Port names come from the Scala source only when the idsl compiler plugin ran; without it every
 * name silently becomes _zz_N. This test catches a build that lost the plugin.
 */
class PortNamesTest {
    @Test
    void portsCarryTheirScalaNames(@TempDir Path tmp) throws IOException {
        Generator.Output out = Generator.generate(Generator.Top.CONTROL_AREA, Config.DEFAULT, tmp);
        List<String> names = out.ports().stream().map(PortInfo::name).toList();
        assertEquals("io_alloc_0_req_valid", names.get(0));
        assertTrue(names.contains("io_free_1_rsp_payload_status"), names.toString());
        assertTrue(names.contains("io_flags"), names.toString());
        String verilog = Files.readString(out.verilog());
        Matcher m = Pattern.compile("(?m)^\\s*(input|output)\\s+wire\\s+(\\[[^]]+]\\s+)?(\\w+)").matcher(verilog);
        int ports = 0;
        while (m.find()) {
            ports++;
            assertFalse(m.group(3).startsWith("_zz_"), "unnamed port " + m.group(3) + ": is the idsl plugin missing?");
        }
        assertTrue(ports > names.size(), "every module's ports were checked");
        assertTrue(verilog.contains("\nmodule ControlArea ("), "the top keeps its name");
        for (String unit : new String[] {"FlagBank", "Allocator", "Deallocator", "Initializer", "ErrorStatus"}) {
            assertTrue(verilog.contains("\nmodule ControlArea_" + unit + " ("), "module " + unit + " is generated as ControlArea_" + unit);
        }
    }

    @Test
    void ipcUnitPortsAndModulesCarryTheirNames(@TempDir Path tmp) throws IOException {
        Generator.Output out = Generator.generate(Generator.Top.IPC_UNIT, Config.DEFAULT.withDebugPorts(true), tmp);
        List<String> names = out.ports().stream().map(PortInfo::name).toList();
        for (String port : new String[] {"io_ep_0_send_valid", "io_ep_1_send_payload_header_length", "io_ep_0_sendRsp_payload_status",
            "io_ep_1_recv_payload_src", "io_ep_0_rdData", "io_ep_1_irq", "io_ep_0_freed_payload", "io_inTransit"}) {
            assertTrue(names.contains(port), port + " missing from " + names);
        }
        assertTrue(names.stream().noneMatch(n -> n.startsWith("_zz_")), names.toString());
        String verilog = Files.readString(out.verilog());
        assertTrue(verilog.contains("\nmodule IpcUnit ("), "the top keeps its name");
        List<String> product = Generator.generate(Generator.Top.IPC_UNIT, Config.DEFAULT, tmp.resolve("product")).ports()
            .stream().map(PortInfo::name).toList();
        for (String debug : new String[] {"io_inTransit", "io_owners", "io_waiting", "io_ep_0_freed_payload", "io_ep_1_claimed_valid"}) {
            assertFalse(product.contains(debug), debug + " is a debug port, absent by default");
        }
        for (String unit : new String[] {"ControlArea", "SharedPool", "Indicator", "WaitList", "Marshaler", "CopyEngine",
            "Unmarshaler", "Detector"}) {
            assertTrue(verilog.contains("\nmodule IpcUnit_" + unit + " ("), "module " + unit + " is generated as IpcUnit_" + unit);
        }
        assertTrue(verilog.lines().filter(l -> l.startsWith("module ")).allMatch(l -> l.startsWith("module IpcUnit")),
            "every module carries the top's prefix, library ones (StreamFifo, ...) included");
    }
}
