package swapipc.sim.bridge;

import swapipc.sim.Workspace;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds native artifacts into the content-addressed cache: an artifact's directory is named by
 * the hash of everything that goes into it (sources, flags, tool version), so unchanged inputs
 * are never rebuilt and a changed input can never pick up a stale build. Builds happen in a
 * scratch directory that is renamed into place, so concurrent JVMs never see half a build.
 */
public final class NativeBuild {
    static final String[] NATIVE_SOURCES = {"model_api.h", "print_hook.h", "model_lib.cpp", "jni_bridge.cpp", "native_bench.cpp"};

    private NativeBuild() {}

    /** Hex SHA-256 over the given parts. */
    public static String hash(List<byte[]> parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                md.update(Integer.toString(part.length).getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(part);
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] resource(String name) {
        try (InputStream in = NativeBuild.class.getResourceAsStream("/swapipc/native/" + name)) {
            if (in == null) throw new IllegalStateException("missing native source resource " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the native sources into {@code dir} so tools can compile them. */
    public static void unpackSources(Path dir) throws IOException {
        for (String name : NATIVE_SOURCES) Files.write(dir.resolve(name), resource(name));
    }

    /** A recipe filling a scratch directory with the artifact. */
    public interface Recipe {
        void build(Path scratch) throws IOException, InterruptedException;
    }

    /** Returns {@code cache/<key>/<file>}, building it with {@code recipe} first if it is not there. */
    public static Path cached(String key, String file, Recipe recipe) {
        Path dir = Workspace.cache().resolve(key);
        Path artifact = dir.resolve(file);
        if (Files.exists(artifact)) return artifact;
        try {
            Files.createDirectories(Workspace.cache());
            Path scratch = Files.createTempDirectory(Workspace.cache(), key + ".tmp");
            recipe.build(scratch);
            if (!Files.exists(scratch.resolve(file))) {
                throw new IllegalStateException("build of " + key + " produced no " + file);
            }
            try {
                Files.move(scratch, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException | java.nio.file.FileAlreadyExistsException
                     | java.nio.file.DirectoryNotEmptyException e) {
                deleteTree(scratch); // another JVM finished the same build first
            }
            return artifact;
        } catch (IOException e) {
            throw new UncheckedIOException("building " + file + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building " + file, e);
        }
    }

    /** Runs a tool, failing with its output when it exits non-zero. */
    public static String run(Path dir, List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed (exit " + rc + "):\n" + tail(out));
        }
        return out;
    }

    public static String toolVersion(String... cmd) {
        try {
            return run(Path.of("."), List.of(cmd)).trim();
        } catch (IOException e) {
            throw new IllegalStateException(cmd[0] + " is not installed; run ./swapipc setup (or apt-get install "
                + cmd[0] + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static List<String> jniIncludes() {
        Path home = Path.of(System.getProperty("java.home"));
        Path inc = home.resolve("include");
        if (!Files.isDirectory(inc)) {
            throw new IllegalStateException("no JNI headers under " + inc + ": run with a JDK, not a JRE");
        }
        List<String> flags = new ArrayList<>();
        flags.add("-I" + inc);
        flags.add("-I" + inc.resolve("linux"));
        return flags;
    }

    private static String tail(String s) {
        return s.length() <= 6000 ? s : "...\n" + s.substring(s.length() - 6000);
    }

    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
