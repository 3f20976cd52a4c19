package swapipc.hdl;

import swapipc.model.Config;
import swapipc.model.RegisterDocs;
import swapipc.model.RegisterMap;
import swapipc.model.WireFormat;

import java.util.LinkedHashMap;
import java.util.Map;

/** Documents and headers generated from the model's single sources, by path under the project root. */
public final class GeneratedDocs {
    private GeneratedDocs() {}

    public static Map<String, String> all() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("docs/parameters.md", Config.parametersMarkdown() + swapipc.model.SystemConfig.parametersMarkdown());
        m.put("docs/wire-format.md", WireFormat.markdown());
        m.put("firmware/include/swapipc_wire.h", WireFormat.cHeader());
        RegisterMap regs = new RegisterMap(Config.DEFAULT);
        m.put("docs/registers.md", RegisterDocs.markdown(regs));
        m.put("docs/swapipc_regs.rdl", RegisterDocs.systemRdl(regs));
        m.put("firmware/include/swapipc_regs.h", RegisterDocs.cHeader(regs));
        m.put("sim/src/main/java/swapipc/sim/bus/Regs.java", RegisterDocs.javaConstants(regs));
        m.put("swapipc.core", FuseSocCore.core("0.1.0"));
        return m;
    }
}
