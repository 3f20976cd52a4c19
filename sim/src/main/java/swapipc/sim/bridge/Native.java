package swapipc.sim.bridge;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** JNI entry points of the bridge library; {@code api} is a model library, {@code inst} an instance of it. */
final class Native {
    private Native() {}

    static {
        System.load(bridgeLibrary().toString());
    }

    /** Compiles (once per source hash) and returns the JNI bridge library. */
    static Path bridgeLibrary() {
        String cxx = NativeBuild.toolVersion("g++", "--version");
        List<String> flags = new ArrayList<>(List.of("-O2", "-fPIC", "-shared", "-fvisibility=hidden",
            "-Wall", "-Wextra", "-Werror"));
        flags.addAll(NativeBuild.jniIncludes());
        String key = "bridge-" + NativeBuild.hash(List.of(NativeBuild.resource("jni_bridge.cpp"),
            NativeBuild.resource("model_api.h"), String.join(" ", flags).getBytes(), cxx.getBytes()));
        return NativeBuild.cached(key, "libswapipc_jni.so", dir -> {
            NativeBuild.unpackSources(dir);
            List<String> cmd = new ArrayList<>(List.of("g++"));
            cmd.addAll(flags);
            cmd.addAll(List.of("-o", "libswapipc_jni.so", "jni_bridge.cpp", "-ldl"));
            NativeBuild.run(dir, cmd);
        });
    }

    static native long open(String libraryPath);
    static native String[] portNames(long api);
    static native int portWidth(long api, int id);
    static native boolean portIsInput(long api, int id);
    static native long create(long api, String tracePath);
    static native void destroy(long api, long inst);
    static native void poke(long api, long inst, int id, long value);
    static native long peek(long api, long inst, int id);
    static native void peekWords(long api, long inst, int id, int[] words);
    static native boolean writeCoverage(long api, long inst, String path);
    static native void eval(long api, long inst);
    /** Returns the cycles completed: fewer than asked when the design executed $finish (an RTL assertion failed). */
    static native int tick(long api, long inst, int cycles);
    /** The FAILURE lines the RTL's simulation assertions printed during the last tick or batch ("" if none). */
    static native String failures(long api, long inst);
    static native long batchPorts(int[] inIds, int[] outIds);
    static native void freeBatchPorts(long ports);
    /** Returns the cycles completed: fewer than asked when the design executed $finish (an RTL assertion failed). */
    static native int runBatch(long api, long inst, long ports, int[] in, int[] out, int cycles);
}
