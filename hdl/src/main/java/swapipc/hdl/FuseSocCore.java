package swapipc.hdl;

import java.util.List;

/**
 * swapipc.core: the FuseSoC (CAPI 2) package description of the committed RTL, one fileset and
 * one target per top of rtl-generated/ (each file is self-contained: its submodules are prefixed
 * with its name), a Verilator lint target per top with the project's justified waivers, and
 * IpcUnit as the default target.
 */
public final class FuseSocCore {
    private FuseSocCore() {}

    public static String core(String version) {
        List<String> tops = Generator.committedModules();
        StringBuilder sb = new StringBuilder("CAPI=2:\n").append(Generator.MARK.replace("//", "#")).append('\n')
            .append("name: swapipc:ip:swapipc:").append(version).append('\n')
            .append("description: Space-efficient inter-process communication (control area, IpcUnit, bus tops, three-party IpcSystem), default configuration\n\n")
            .append("filesets:\n  lint_waivers:\n    files: [hdl/lint/waivers.vlt]\n    file_type: vlt\n");
        for (String t : tops) {
            sb.append("  rtl_").append(t).append(":\n    files: [rtl-generated/").append(t).append(".v]\n    file_type: verilogSource\n");
        }
        sb.append("\ntargets:\n  default:\n    filesets: [rtl_IpcUnit]\n    toplevel: IpcUnit\n");
        for (String t : tops) {
            sb.append("  ").append(t).append(":\n    filesets: [rtl_").append(t).append("]\n    toplevel: ").append(t).append('\n');
            sb.append("  lint_").append(t).append(":\n    default_tool: verilator\n    filesets: [lint_waivers, rtl_").append(t)
                .append("]\n    toplevel: ").append(t).append("\n    tools:\n      verilator:\n        mode: lint-only\n        verilator_options: [-Wall]\n");
        }
        return sb.toString();
    }
}
