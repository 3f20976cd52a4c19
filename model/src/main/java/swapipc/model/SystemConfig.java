package swapipc.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The three-party IpcSystem (claims 1-2, Figs. 3-4): clients and the kernel share the client pool,
 * the kernel and the servers share the server pool. Every parameter of the two pools' IpcUnits
 * derives from here ({@link #clientPool()}, {@link #serverPool()}), so the RTL, the model and the
 * docs read one definition. Construction validates every field.
 */
public record SystemConfig(int clients, int servers, int threads, int clientBuffers, int serverBuffers, int clientOverflow,
                           int serverOverflow, int bufferBytes, int queueDepth, ReleasePolicy releasePolicy, boolean debugPorts) {

    /** Each pool has its parties plus the kernel's endpoint. */
    public static final int MAX_PARTIES = Config.MAX_ENDPOINTS - 1;
    public static final int MAX_THREADS = 32;
    /** Entries of the broker's thread table (servers x threads). */
    public static final int MAX_SLOTS = 64;
    public static final long CLIENT_POOL_BASE = 0x4000_0000L;
    public static final long SERVER_POOL_BASE = 0x5000_0000L;

    public static final List<Config.Parameter> PARAMETERS = List.of(
        new Config.Parameter("clients", "1.." + MAX_PARTIES, "client endpoints on the client pool (the kernel is its last endpoint)"),
        new Config.Parameter("servers", "1.." + MAX_PARTIES, "server endpoints on the server pool (the kernel is its last endpoint); "
            + "a call with opcode m goes to server m mod servers"),
        new Config.Parameter("threads", "1.." + MAX_THREADS + ", servers × threads ≤ " + MAX_SLOTS,
            "calls one server executes at once; a call for a server whose threads are all busy waits in the kernel's queue"),
        new Config.Parameter("clientBuffers", "1.." + Config.MAX_BUFFERS, "buffers of the client–kernel pool (first memory space)"),
        new Config.Parameter("serverBuffers", "1.." + Config.MAX_BUFFERS, "buffers of the kernel–server pool (second memory space)"),
        new Config.Parameter("clientOverflow", "0..256 - clientBuffers", "buffers of the client pool's second memory area "
            + "(Fig. 6 step 610's third answer): its allocator falls back to them only when the first memory space is empty "
            + "(they are the highest indices and LOWEST_FREE takes the lowest); a separate RAM"),
        new Config.Parameter("serverOverflow", "0..256 - serverBuffers", "the same for the server pool"),
        new Config.Parameter("bufferBytes", Config.MIN_BUFFER_BYTES + ".." + Config.MAX_BUFFER_BYTES + ", power of two",
            "bytes per buffer, both pools (the kernel copies buffer to buffer, so a call that fits one pool fits the other)"),
        new Config.Parameter("queueDepth", "2.." + Config.MAX_QUEUE_DEPTH, "inbound descriptors per endpoint, both pools: "
            + "the kernel's queue holds the calls that wait for a thread"),
        new Config.Parameter("releasePolicy", "EARLY, ON_RETURN",
            "EARLY: every buffer is freed once copied (the seed); ON_RETURN: a call's buffers in both pools are held "
                + "until its reply reaches the client (prior art)"),
        new Config.Parameter("debugPorts", "true, false", "the test benches' observation ports of both pools and the broker"));

    public static final SystemConfig DEFAULT = new SystemConfig(4, 2, 4, 32, 32, 0, 0, 256, 8, ReleasePolicy.EARLY, false);

    public SystemConfig {
        range("clients", clients, 1, MAX_PARTIES);
        range("servers", servers, 1, MAX_PARTIES);
        range("threads", threads, 1, MAX_THREADS);
        if (servers * threads > MAX_SLOTS) {
            throw new IllegalArgumentException("servers × threads must be at most " + MAX_SLOTS + " (the kernel's thread table), got "
                + servers + " × " + threads + " = " + servers * threads);
        }
        if (releasePolicy == null) throw new IllegalArgumentException("releasePolicy must be one of EARLY, ON_RETURN, got null");
        range("clientBuffers", clientBuffers, 1, Config.MAX_BUFFERS);
        range("serverBuffers", serverBuffers, 1, Config.MAX_BUFFERS);
        range("clientOverflow", clientOverflow, 0, Config.MAX_BUFFERS - clientBuffers);
        range("serverOverflow", serverOverflow, 0, Config.MAX_BUFFERS - serverBuffers);
        // The pools validate bufferBytes and queueDepth with their own messages.
        clientPool(clients, clientBuffers + clientOverflow, bufferBytes, queueDepth, releasePolicy, debugPorts);
        serverPool(servers, serverBuffers + serverOverflow, bufferBytes, queueDepth, releasePolicy, debugPorts);
        int minClient = minClientBuffers(clients, servers, threads, queueDepth, releasePolicy);
        if (clientBuffers + clientOverflow < minClient) {
            throw new IllegalArgumentException("clientBuffers + clientOverflow must be at least " + minClient + " (queueDepth + clients + 2"
                + (releasePolicy == ReleasePolicy.ON_RETURN ? " + servers × threads held calls" : "") + "), got "
                + (clientBuffers + clientOverflow)
                + ": with fewer, calls waiting for a thread can hold every client buffer while the replies that would free "
                + "the threads wait for one, and the system deadlocks");
        }
        int minServer = releasePolicy == ReleasePolicy.ON_RETURN ? servers * threads + 1 : 1;
        if (serverBuffers + serverOverflow < minServer) {
            throw new IllegalArgumentException("serverBuffers + serverOverflow must be at least " + minServer + " under ON_RETURN "
                + "(servers × threads held calls + 1), got " + (serverBuffers + serverOverflow) + ": with fewer, the held calls can take every server buffer while the "
                + "servers' replies wait for one");
        }
    }

    /**
     * The fewest client buffers with which a reply always finds one: the calls that hold a client
     * buffer while they wait (the kernel's queue, the broker's relay, one blocked Marshaler per
     * client) leave at least one, and under ON_RETURN so do the calls held until their reply.
     */
    public static int minClientBuffers(int clients, int servers, int threads, int queueDepth, ReleasePolicy policy) {
        return queueDepth + clients + 2 + (policy == ReleasePolicy.ON_RETURN ? servers * threads : 0);
    }

    private static void range(String name, int value, int lo, int hi) {
        if (value < lo || value > hi) throw new IllegalArgumentException(name + " must be in " + lo + ".." + hi + ", got " + value);
    }

    private static Config pool(int parties, int buffers, int bufferBytes, int queueDepth, ReleasePolicy policy, boolean debug, long base) {
        // Every message takes a buffer (the seed's method; a zero-length one rides in its descriptor), and
        // the kernel's side reads and frees buffers directly, so the pools do not zeroize.
        return new Config(buffers, bufferBytes, 32, 2, AllocPolicy.LOWEST_FREE, base, parties + 1, queueDepth, 0, policy, false, debug);
    }

    private static Config clientPool(int clients, int buffers, int bytes, int depth, ReleasePolicy p, boolean debug) {
        return pool(clients, buffers, bytes, depth, p, debug, CLIENT_POOL_BASE);
    }

    private static Config serverPool(int servers, int buffers, int bytes, int depth, ReleasePolicy p, boolean debug) {
        return pool(servers, buffers, bytes, depth, p, debug, SERVER_POOL_BASE);
    }

    /**
     * The client–kernel pool: endpoints 0..clients-1 are the clients, endpoint clients is the
     * kernel; its buffers are clientBuffers then the clientOverflow buffers of the second area.
     */
    public Config clientPool() { return clientPool(clients, clientBuffers + clientOverflow, bufferBytes, queueDepth, releasePolicy, debugPorts); }

    /** The kernel–server pool: endpoints 0..servers-1 are the servers, endpoint servers is the kernel; serverBuffers then serverOverflow. */
    public Config serverPool() { return serverPool(servers, serverBuffers + serverOverflow, bufferBytes, queueDepth, releasePolicy, debugPorts); }

    /** The server a call with this opcode goes to. */
    public int serverOf(int opcode) { return opcode % servers; }

    /** Bits of a thread number within one server (at least 1). */
    public int threadBits() { return Math.max(1, 32 - Integer.numberOfLeadingZeros(threads - 1)); }

    public SystemConfig withClients(int v) { return new SystemConfig(v, servers, threads, clientBuffers, serverBuffers, clientOverflow, serverOverflow, bufferBytes, queueDepth, releasePolicy, debugPorts); }
    public SystemConfig withServers(int v) { return new SystemConfig(clients, v, threads, clientBuffers, serverBuffers, clientOverflow, serverOverflow, bufferBytes, queueDepth, releasePolicy, debugPorts); }
    public SystemConfig withThreads(int v) { return new SystemConfig(clients, servers, v, clientBuffers, serverBuffers, clientOverflow, serverOverflow, bufferBytes, queueDepth, releasePolicy, debugPorts); }
    public SystemConfig withClientBuffers(int v) { return new SystemConfig(clients, servers, threads, v, serverBuffers, clientOverflow, serverOverflow, bufferBytes, queueDepth, releasePolicy, debugPorts); }
    public SystemConfig withServerBuffers(int v) { return new SystemConfig(clients, servers, threads, clientBuffers, v, clientOverflow, serverOverflow, bufferBytes, queueDepth, releasePolicy, debugPorts); }
    public SystemConfig withClientOverflow(int v) { return new SystemConfig(clients, servers, threads, clientBuffers, serverBuffers, v, serverOverflow, bufferBytes, queueDepth, releasePolicy, debugPorts); }
    public SystemConfig withServerOverflow(int v) { return new SystemConfig(clients, servers, threads, clientBuffers, serverBuffers, clientOverflow, v, bufferBytes, queueDepth, releasePolicy, debugPorts); }
    public SystemConfig withBufferBytes(int v) { return new SystemConfig(clients, servers, threads, clientBuffers, serverBuffers, clientOverflow, serverOverflow, v, queueDepth, releasePolicy, debugPorts); }
    public SystemConfig withQueueDepth(int v) { return new SystemConfig(clients, servers, threads, clientBuffers, serverBuffers, clientOverflow, serverOverflow, bufferBytes, v, releasePolicy, debugPorts); }
    public SystemConfig withReleasePolicy(ReleasePolicy v) { return new SystemConfig(clients, servers, threads, clientBuffers, serverBuffers, clientOverflow, serverOverflow, bufferBytes, queueDepth, v, debugPorts); }
    public SystemConfig withDebugPorts(boolean v) { return new SystemConfig(clients, servers, threads, clientBuffers, serverBuffers, clientOverflow, serverOverflow, bufferBytes, queueDepth, releasePolicy, v); }

    /** Parameters by name, in declaration order. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("clients", Integer.toString(clients));
        m.put("servers", Integer.toString(servers));
        m.put("threads", Integer.toString(threads));
        m.put("clientBuffers", Integer.toString(clientBuffers));
        m.put("serverBuffers", Integer.toString(serverBuffers));
        m.put("clientOverflow", Integer.toString(clientOverflow));
        m.put("serverOverflow", Integer.toString(serverOverflow));
        m.put("bufferBytes", Integer.toString(bufferBytes));
        m.put("queueDepth", Integer.toString(queueDepth));
        m.put("releasePolicy", releasePolicy.name());
        m.put("debugPorts", Boolean.toString(debugPorts));
        return m;
    }

    /**
     * Applies one {@code name=value} setting, as given on the command line.
     *
     * @throws IllegalArgumentException naming the parameter and the legal values
     */
    public SystemConfig with(String setting) {
        int eq = setting.indexOf('=');
        if (eq <= 0) throw new IllegalArgumentException("expected name=value, got '" + setting + "'");
        String name = setting.substring(0, eq).trim();
        String value = setting.substring(eq + 1).trim();
        return switch (name) {
            case "clients" -> withClients(parseInt(name, value));
            case "servers" -> withServers(parseInt(name, value));
            case "threads" -> withThreads(parseInt(name, value));
            case "clientBuffers" -> withClientBuffers(parseInt(name, value));
            case "serverBuffers" -> withServerBuffers(parseInt(name, value));
            case "clientOverflow" -> withClientOverflow(parseInt(name, value));
            case "serverOverflow" -> withServerOverflow(parseInt(name, value));
            case "bufferBytes" -> withBufferBytes(parseInt(name, value));
            case "queueDepth" -> withQueueDepth(parseInt(name, value));
            case "releasePolicy" -> {
                try {
                    yield withReleasePolicy(ReleasePolicy.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_')));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("releasePolicy must be one of EARLY, ON_RETURN, got '" + value + "'");
                }
            }
            case "debugPorts" -> {
                if (!value.equals("true") && !value.equals("false")) {
                    throw new IllegalArgumentException("debugPorts must be true or false, got '" + value + "'");
                }
                yield withDebugPorts(Boolean.parseBoolean(value));
            }
            default -> throw new IllegalArgumentException("unknown system parameter '" + name + "'; known: " + toMap().keySet());
        };
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.decode(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + value + "'");
        }
    }

    /** The parameter table in Markdown, with defaults (appended to docs/parameters.md). */
    public static String parametersMarkdown() {
        StringBuilder sb = new StringBuilder("\n## IpcSystem (three-party: clients, kernel, servers)\n\n")
            .append("Defined once in `model/src/main/java/swapipc/model/SystemConfig.java`; both pools' IpcUnit parameters are derived ")
            .append("from it (LOWEST_FREE, 2 ControlArea ports, no inline bytes, no zeroize; client pool at 0x")
            .append(Long.toHexString(CLIENT_POOL_BASE)).append(", server pool at 0x").append(Long.toHexString(SERVER_POOL_BASE))
            .append("). Set them with `--system name=value`.\n\n")
            .append("| name | default | legal values | meaning |\n|---|---|---|---|\n");
        Map<String, String> defaults = DEFAULT.toMap();
        for (Config.Parameter p : PARAMETERS) {
            sb.append("| ").append(p.name()).append(" | ").append(defaults.get(p.name())).append(" | ").append(p.range())
                .append(" | ").append(p.meaning()).append(" |\n");
        }
        return sb.toString();
    }
}
