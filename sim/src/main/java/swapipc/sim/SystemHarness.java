package swapipc.sim;

import swapipc.hdl.Generator;
import swapipc.model.AccessStatus;
import swapipc.model.BufferOp;
import swapipc.model.Config;
import swapipc.model.Message;
import swapipc.model.MessageKind;
import swapipc.model.OwnerKind;
import swapipc.model.ReleasePolicy;
import swapipc.model.SendStatus;
import swapipc.model.SystemConfig;
import swapipc.model.SystemModel;
import swapipc.sim.bridge.PortLayout;
import swapipc.sim.bridge.RtlAssertionFailure;
import swapipc.sim.bridge.Simulation;
import swapipc.sim.bridge.VerilatedModel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Three-party calls on the generated IpcSystem with {@link SystemModel} as scoreboard: clients
 * call, servers execute for a drawn service time and reply, every delivery is checked against the
 * model (each call reaches its server once, on a free thread, intact; each reply reaches its
 * client and tag once, intact). Every cycle: freeCount + inTransit = buffers in both pools. Every
 * buffer-to-buffer copy: the source buffer is free {@link #FREE_AFTER_COPY} cycles after its last
 * word was handed over (EARLY; under ON_RETURN a call's client buffer is held instead). The first
 * violation ends the run; the result names the seed and the command to replay it.
 */
public final class SystemHarness {
    /** Cycles from the broker's last copied word to its source buffer's free answer (request, decision, answer). */
    public static final int FREE_AFTER_COPY = 3;

    /**
     * What the clients and servers do. Service time: {@code serviceMin} plus a Pareto tail (shape
     * 1.5) of scale {@code serviceScale}, capped at 20 scales: a real server's thousands of cycles
     * with a heavy tail. {@code calls} > 0 stops new calls after that many; {@code resetAt} >= 0
     * resets the system in mid-traffic; {@code badEvery} > 0 makes one message in that many bad
     * (a client's RETURN to the kernel, a server's reply on a thread that runs no call), and has
     * every endpoint's BufferPort aim a command at a buffer it never claimed in one idle cycle in that many.
     */
    public record Traffic(int inFlight, int minLength, int maxLength, int serviceMin, int serviceScale, long calls,
                          long resetAt, int badEvery, int replyLength) {
        public static final Traffic TEST = new Traffic(16, 4, 120, 20, 60, 0, -1, 0, -1);
        /** The experiment's default: thousands of cycles of service, heavy-tailed. */
        public static final Traffic REALISTIC = new Traffic(32, 4, 248, 1000, 1000, 0, -1, 0, -1);

        public Traffic withInFlight(int v) { return new Traffic(v, minLength, maxLength, serviceMin, serviceScale, calls, resetAt, badEvery, replyLength); }
        public Traffic withCalls(long v) { return new Traffic(inFlight, minLength, maxLength, serviceMin, serviceScale, v, resetAt, badEvery, replyLength); }
        public Traffic withService(int min, int scale) { return new Traffic(inFlight, minLength, maxLength, min, scale, calls, resetAt, badEvery, replyLength); }
        public Traffic withResetAt(long v) { return new Traffic(inFlight, minLength, maxLength, serviceMin, serviceScale, calls, v, badEvery, replyLength); }
        public Traffic withBadEvery(int v) { return new Traffic(inFlight, minLength, maxLength, serviceMin, serviceScale, calls, resetAt, v, replyLength); }
        public Traffic withLengths(int min, int max) { return new Traffic(inFlight, min, max, serviceMin, serviceScale, calls, resetAt, badEvery, replyLength); }
        /** Every reply this many bytes (-1: uniform in 0..maxLength). */
        public Traffic withReplyLength(int v) { return new Traffic(inFlight, minLength, maxLength, serviceMin, serviceScale, calls, resetAt, badEvery, v); }
    }

    public record Result(SystemConfig sys, Traffic traffic, long seed, long cycles, long calls, long replies, long bad,
                         int peakClient, int peakServer, int peakShared, double meanClient, double meanServer, int peakThreads,
                         int peakInFlight, double meanLatency, long p99Latency, long copiedWords, long copyCycles,
                         int peakSpillClient, int peakSpillServer, long spillCycles, long foreign, int errFlags, double seconds,
                         String failure) {
        public boolean passed() { return failure == null; }

        /** Words per cycle of the broker's call copies: argument words delivered to servers / cycles the CALL relay copied. */
        public double copyRate() { return copyCycles == 0 ? 0 : (double) copiedWords / copyCycles; }
    }

    private final SystemConfig sys;
    private final Config ca;
    private final Config cb;
    private final Traffic traffic;
    private final long seed;
    private final String replay;
    private final SplittableRandom rnd;
    private SystemModel model;
    private SenderAgent[] clientTx, serverTx;
    private ReceiverAgent[] clientRx, serverRx;
    /** What each receiver was delivered, rebuilt from its pins. */
    private RecvMonitor[] clientSeen, serverSeen;
    private final boolean[][] tagBusy;
    private final long[][] startedAt;
    private final int[] outstanding;
    private final List<Long> latencies = new ArrayList<>();
    private long serial = 1;
    private long calls, replies, bad, occClient, occServer, occCycles, copiedWords, copyCycles;
    private int peakClient, peakServer, peakShared, peakThreads, peakInFlight;
    /** Per pool: the most buffers of the second memory area (overflow) allocated at once; cycles with any in use. */
    private final int[] peakSpill = new int[2];
    private long spillCycles;
    private long foreign;
    /** Per pool: the flags of the cycle before (the owner table follows them one cycle late), kept in place; none before the first check. */
    private final int[][] lastFlags;
    private boolean haveLastFlags;
    private final List<ForeignAccess> foreigners = new ArrayList<>();
    /** Per copy direction: the index whose last word was handed over, and when; -1 if none pending. */
    private final long[] copiedAt = {-1, -1};
    private final int[] copiedIndex = new int[2];
    private String failure;
    private List<IpcPins.Endpoint> endpointsPins;

    private SystemHarness(SystemConfig sys, Traffic traffic, long seed, String replay) {
        this.sys = sys;
        this.ca = sys.clientPool();
        this.cb = sys.serverPool();
        this.lastFlags = new int[][] {new int[(ca.buffers() + 31) / 32], new int[(cb.buffers() + 31) / 32]};
        this.traffic = traffic;
        this.seed = seed;
        this.replay = replay;
        this.rnd = new SplittableRandom(seed);
        this.model = new SystemModel(sys);
        this.tagBusy = new boolean[sys.clients()][256];
        this.startedAt = new long[sys.clients()][256];
        this.outstanding = new int[sys.clients()];
    }

    /** How to re-run a seed from the command line. */
    public static String replay(SystemConfig sys, long seed, long cycles) {
        StringBuilder sb = new StringBuilder("./swapipc sim --seed " + seed + " --cycles " + cycles);
        sys.toMap().forEach((k, v) -> {
            if (!v.equals(SystemConfig.DEFAULT.toMap().get(k)) && !k.equals("debugPorts")) sb.append(" --system ").append(k).append('=').append(v);
        });
        return sb.toString();
    }

    /** Runs {@code cycles} cycles of traffic, then drains: no new calls until every call returned and both pools are whole. */
    public static Result run(SystemConfig sys, Traffic traffic, long seed, long cycles, String replay) {
        return run(Designs.system(sys), sys, traffic, seed, cycles, replay);
    }

    /** The same on a given build of {@code sys} (a mutant, in the tests that show a check bites). */
    public static Result run(Generator.Output design, SystemConfig sys, Traffic traffic, long seed, long cycles, String replay) {
        VerilatedModel rtl = VerilatedModel.of(design, Workspace.wavesRequested());
        Path fst = Workspace.wavesRequested() ? Workspace.waves().resolve("system-" + seed + ".fst") : null;
        try (Simulation sim = rtl.instantiate(fst)) {
            return new SystemHarness(sys, traffic, seed, replay).run(sim, cycles);
        }
    }

    private int pin(PortLayout l, String name, boolean input) {
        return input ? l.in(name) : l.out(name);
    }

    private Result run(Simulation sim, long cycles) {
        PortLayout l = new PortLayout(sim);
        IpcPins.Endpoint[] cp = new IpcPins.Endpoint[sys.clients()];
        IpcPins.Endpoint[] sp = new IpcPins.Endpoint[sys.servers()];
        clientTx = new SenderAgent[cp.length];
        clientRx = new ReceiverAgent[cp.length];
        serverTx = new SenderAgent[sp.length];
        serverRx = new ReceiverAgent[sp.length];
        clientSeen = new RecvMonitor[cp.length];
        serverSeen = new RecvMonitor[sp.length];
        for (int c = 0; c < cp.length; c++) {
            cp[c] = new IpcPins.Endpoint(l, "io_client_" + c + "_");
            clientTx[c] = new SenderAgent(cp[c]);
            clientRx[c] = new ReceiverAgent(ca, cp[c], true);
            clientSeen[c] = new RecvMonitor(c, cp[c]);
        }
        for (int s = 0; s < sp.length; s++) {
            sp[s] = new IpcPins.Endpoint(l, "io_server_" + s + "_");
            serverTx[s] = new SenderAgent(sp[s]);
            serverRx[s] = new ReceiverAgent(cb, sp[s], true);
            serverSeen[s] = new RecvMonitor(s, sp[s]);
        }
        int reset = pin(l, "reset", true);
        int errClear = pin(l, "io_errClear", true);
        int initDone = pin(l, "io_initDone", false);
        int freeA = pin(l, "io_clientFreeCount", false);
        int freeB = pin(l, "io_serverFreeCount", false);
        int transitA = pin(l, "io_clientInTransit", false);
        int transitB = pin(l, "io_serverInTransit", false);
        int threadsBusy = pin(l, "io_threadsBusy", false);
        int[] copiedValid = {pin(l, "io_callCopied_valid", false), pin(l, "io_returnCopied_valid", false)};
        int[] copiedPayload = {pin(l, "io_callCopied_payload", false), pin(l, "io_returnCopied_payload", false)};
        int[] freedValid = {pin(l, "io_kernelFreedClient_valid", false), pin(l, "io_kernelFreedServer_valid", false)};
        int[] freedPayload = {pin(l, "io_kernelFreedClient_payload", false), pin(l, "io_kernelFreedServer_payload", false)};
        int errFlags = pin(l, "io_errFlags", false);
        int copying = pin(l, "io_copying", false);
        int[] flags = {pin(l, "io_clientFlags", false), pin(l, "io_serverFlags", false)};
        int[] owners = {pin(l, "io_clientOwners", false), pin(l, "io_serverOwners", false)};
        for (int c = 0; c < cp.length; c++) foreigners.add(new ForeignAccess("client " + c, ca, cp[c]));
        for (int k = 0; k < sp.length; k++) foreigners.add(new ForeignAccess("server " + k, cb, sp[k]));
        l.seal();
        endpointsPins = new ArrayList<>(Arrays.asList(cp));
        endpointsPins.addAll(Arrays.asList(sp));
        for (IpcPins.Endpoint p : endpointsPins) l.in[p.irqEnable] = 1;
        l.in[errClear] = 0;

        long t0 = System.nanoTime();
        startUp(l, reset, initDone);
        long drainLimit = cycles + 200_000L + 40L * (traffic.serviceMin() + 20L * traffic.serviceScale());
        long cycle = 0;
        long stoppedAt = -1;
        for (; failure == null && cycle < drainLimit; cycle++) {
            boolean open = cycle < cycles && (traffic.calls() <= 0 || serial <= traffic.calls());
            if (!open && stoppedAt < 0) stoppedAt = cycle;
            if (!open && idle(l.out, freeA, freeB)) break;
            if (cycle == traffic.resetAt()) {
                reset(l, reset, initDone);
                continue;
            }
            for (int c = 0; c < cp.length; c++) {
                if (clientTx[c].phase == SenderAgent.Phase.IDLE) nextCall(c, cycle, open);
                clientTx[c].drive(l.in, false, false, 0);
                clientRx[c].drive(l.in, cycle, -1);
            }
            for (int s = 0; s < sp.length; s++) {
                if (serverTx[s].phase == SenderAgent.Phase.IDLE) {
                    Message m = serverTx[s].nextDue(cycle);
                    if (m != null) serverTx[s].start(m, true);
                }
                serverTx[s].drive(l.in, false, false, 0);
                serverRx[s].drive(l.in, cycle, -1);
            }
            for (ForeignAccess f : foreigners) f.drive(l.in);
            try {
                l.step();
            } catch (RtlAssertionFailure rtl) {
                fail(rtl.getMessage());
                break;
            }
            int[] out = l.out;
            for (ForeignAccess f : foreigners) f.observe(out);
            for (int c = 0; c < cp.length && failure == null; c++) observeClient(c, l.in, out, cp[c], cycle);
            for (int s = 0; s < sp.length && failure == null; s++) observeServer(s, l.in, out, sp[s], cycle);
            for (int d = 0; d < 2 && failure == null; d++) {
                observeCopy(d, out[copiedValid[d]] != 0, out[copiedPayload[d]], out[freedValid[d]] != 0, out[freedPayload[d]], cycle);
            }
            if (failure == null) {
                int a = ca.buffers() - out[freeA];
                int b = cb.buffers() - out[freeB];
                if (out[freeA] + out[transitA] != ca.buffers()) {
                    fail("client pool: freeCount " + out[freeA] + " + inTransit " + out[transitA] + " != " + ca.buffers());
                } else if (out[freeB] + out[transitB] != cb.buffers()) {
                    fail("server pool: freeCount " + out[freeB] + " + inTransit " + out[transitB] + " != " + cb.buffers());
                }
                peakClient = Math.max(peakClient, a);
                peakServer = Math.max(peakServer, b);
                peakShared = Math.max(peakShared, a + b);
                occClient += a;
                occServer += b;
                occCycles++;
                int busy = Integer.bitCount(out[threadsBusy]) + (sys.servers() * sys.threads() > 32 ? Integer.bitCount(out[threadsBusy + 1]) : 0);
                peakThreads = Math.max(peakThreads, busy);
                if ((out[copying] & 1) != 0) copyCycles++;
                boolean spilling = false;
                int[] primary = {sys.clientBuffers(), sys.serverBuffers()};
                int[] total = {ca.buffers(), cb.buffers()};
                for (int pool = 0; pool < 2; pool++) {
                    int used = 0;
                    for (int i = primary[pool]; i < total[pool]; i++) used += 1 - ((out[flags[pool] + i / 32] >>> (i % 32)) & 1);
                    peakSpill[pool] = Math.max(peakSpill[pool], used);
                    spilling |= used > 0;
                }
                if (spilling) spillCycles++;
                for (int pool = 0; pool < 2 && failure == null && haveLastFlags; pool++) checkOwners(pool == 0 ? "client" : "server", pool == 0 ? ca : cb,
                    out, flags[pool], owners[pool], lastFlags[pool]);
                for (int pool = 0; pool < 2; pool++) System.arraycopy(out, flags[pool], lastFlags[pool], 0, lastFlags[pool].length);
                haveLastFlags = true;
                peakInFlight = Math.max(peakInFlight, model.inFlight());
            }
        }
        if (failure == null && !idle(l.out, freeA, freeB)) {
            fail("not drained " + (drainLimit - stoppedAt) + " cycles after the traffic stopped: " + model.inFlight()
                + " calls in flight, client pool " + l.out[freeA] + "/" + ca.buffers() + " free, server pool " + l.out[freeB] + "/"
                + cb.buffers() + " free");
        }
        String report = failure == null ? null : failure + " (seed " + seed + ", cycle " + cycle + "; replay: " + replay + ")";
        long[] lat = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        double mean = lat.length == 0 ? 0 : Arrays.stream(lat).average().orElse(0);
        long p99 = lat.length == 0 ? 0 : lat[(int) Math.min(lat.length - 1, Math.ceil(lat.length * 0.99) - 1)];
        return new Result(sys, traffic, seed, cycle, calls, replies, bad, peakClient, peakServer, peakShared,
            occCycles == 0 ? 0 : (double) occClient / occCycles, occCycles == 0 ? 0 : (double) occServer / occCycles,
            peakThreads, peakInFlight, mean, p99, copiedWords, copyCycles, peakSpill[0], peakSpill[1], spillCycles, foreign, l.out[errFlags],
            (System.nanoTime() - t0) / 1e9, report);
    }

    private void startUp(PortLayout l, int reset, int initDone) {
        l.in[reset] = 1;
        for (int k = 0; k < 3; k++) l.step();
        l.in[reset] = 0;
        do l.step(); while (l.out[initDone] == 0);
    }

    /** A reset in mid-call: everything in flight is gone by design; both pools must come back whole. */
    private void reset(PortLayout l, int reset, int initDone) {
        Arrays.fill(l.in, 0);
        for (IpcPins.Endpoint p : endpointsPins) l.in[p.irqEnable] = 1;
        startUp(l, reset, initDone);
        model = new SystemModel(sys);
        for (SenderAgent a : clientTx) a.reset();
        for (SenderAgent a : serverTx) a.reset();
        for (ReceiverAgent a : clientRx) a.reset();
        for (ReceiverAgent a : serverRx) a.reset();
        for (RecvMonitor m : clientSeen) m.reset();
        for (RecvMonitor m : serverSeen) m.reset();
        for (ForeignAccess f : foreigners) f.reset();
        for (boolean[] t : tagBusy) Arrays.fill(t, false);
        Arrays.fill(outstanding, 0);
        Arrays.fill(copiedAt, -1);
        haveLastFlags = false;
    }

    private boolean idle(int[] out, int freeA, int freeB) {
        for (int c = 0; c < sys.clients(); c++) {
            if (clientTx[c].hasWork() || clientRx[c].phase != ReceiverAgent.Phase.IDLE || outstanding[c] > 0) return false;
        }
        for (int s = 0; s < sys.servers(); s++) {
            if (serverTx[s].hasWork() || serverRx[s].phase != ReceiverAgent.Phase.IDLE) return false;
        }
        return model.inFlight() == 0 && out[freeA] == ca.buffers() && out[freeB] == cb.buffers();
    }

    /** Client c's next call, if it may have another in flight (the in-flight budget is shared out over the clients). */
    private void nextCall(int c, long cycle, boolean open) {
        int share = traffic.inFlight() / sys.clients() + (c < traffic.inFlight() % sys.clients() ? 1 : 0);
        if (!open || outstanding[c] >= share || traffic.calls() > 0 && serial > traffic.calls()) return;
        int tag = 0;
        while (tagBusy[c][tag]) tag++;
        int length = traffic.minLength() + rnd.nextInt(traffic.maxLength() - traffic.minLength() + 1);
        int[] args = new int[Message.words(length)];
        for (int k = 0; k < args.length; k++) args[k] = rnd.nextInt();
        boolean wrong = traffic.badEvery() > 0 && rnd.nextInt(traffic.badEvery()) == 0;
        args[0] = (int) serial++;
        // A RETURN to the kernel from a client is refused by the broker (WRONG_KIND): no reply comes.
        Message m = new Message(c, sys.clients(), wrong ? MessageKind.RETURN : MessageKind.CALL, rnd.nextInt(256), tag,
            rnd.nextInt(256), length, args);
        if (wrong) {
            bad++;
        } else {
            model.called(c, m);
            tagBusy[c][tag] = true;
            startedAt[c][tag] = cycle;
            outstanding[c]++;
        }
        clientTx[c].start(m, true);
    }

    /** A receiver's cycle: a message presented (taken after a random stall), its words read; the message released, as its monitor saw it, or null. */
    private Message received(ReceiverAgent r, RecvMonitor seen, int[] in, int[] out, long cycle) {
        RecvMonitor.Seen s = seen.observe(in, out, cycle);
        r.observePresented(out, cycle, rnd.nextInt(4) == 0 ? rnd.nextInt(8) : 0);
        r.observeReads(in);
        r.observeRelease(in, out);
        if (s.violation() != null) {
            fail(s.violation());
            return null;
        }
        return s.delivered();
    }

    private void observeClient(int c, int[] in, int[] out, IpcPins.Endpoint p, long cycle) {
        sending("client " + c, clientTx[c], in, out, p);
        Message got = received(clientRx[c], clientSeen[c], in, out, cycle);
        if (got == null) return;
        if (!check(() -> model.clientReceived(c, got))) return;
        replies++;
        tagBusy[c][got.tag()] = false;
        outstanding[c]--;
        latencies.add(cycle - startedAt[c][got.tag()]);
    }

    private void observeServer(int s, int[] in, int[] out, IpcPins.Endpoint p, long cycle) {
        sending("server " + s, serverTx[s], in, out, p);
        Message got = received(serverRx[s], serverSeen[s], in, out, cycle);
        if (got == null) return;
        if (!check(() -> model.serverReceived(s, got))) return;
        calls++;
        copiedWords += got.args().length;
        int length = traffic.replyLength() >= 0 ? traffic.replyLength() : rnd.nextInt(traffic.maxLength() + 1);
        int[] args = new int[Message.words(length)];
        for (int k = 0; k < args.length; k++) args[k] = rnd.nextInt();
        Message reply = new Message(s, sys.servers(), MessageKind.RETURN, rnd.nextInt(256), got.tag(), rnd.nextInt(256), length, args);
        model.serverReplied(s, got.tag(), reply);
        serverTx[s].replyAt(cycle + service(), reply);
        if (traffic.badEvery() > 0 && rnd.nextInt(traffic.badEvery()) == 0) {
            // A reply on a thread number past the server's threads: the broker refuses it (NO_CALL).
            serverTx[s].replyAt(cycle + 1, new Message(s, sys.servers(), MessageKind.RETURN, 0, sys.threads() + rnd.nextInt(8), 0, 8,
                new int[] {rnd.nextInt(), rnd.nextInt()}));
            bad++;
        }
    }

    private long service() {
        double u = rnd.nextDouble();
        double tail = traffic.serviceScale() * (Math.pow(1 - u, -1 / 1.5) - 1);
        return traffic.serviceMin() + (long) Math.min(tail, 20.0 * traffic.serviceScale());
    }

    /** A sender's answer and words: every send here is blocking and well formed, so it must be answered OK. */
    private void sending(String who, SenderAgent a, int[] in, int[] out, IpcPins.Endpoint p) {
        boolean answered = a.phase == SenderAgent.Phase.ANSWER && out[p.rspValid] != 0 && in[p.rspReady] != 0;
        a.observeData(in, out);
        if (!answered) return;
        SendStatus got = SendStatus.ofCode(out[p.rspStatus]);
        if (got != SendStatus.OK) {
            fail(who + ": a blocking send to the kernel was answered " + got + ": " + a.current);
            return;
        }
        a.accepted();
    }

    /** Direction d (0 = calls, 1 = replies): the broker frees each copied buffer FREE_AFTER_COPY cycles after its last word. */
    private void observeCopy(int d, boolean copied, int index, boolean freed, int freedIndex, long cycle) {
        boolean held = d == 0 && sys.releasePolicy() == ReleasePolicy.ON_RETURN;
        if (freed) {
            if (copiedAt[d] >= 0 && !held) {
                if (cycle - copiedAt[d] != FREE_AFTER_COPY || freedIndex != copiedIndex[d]) {
                    fail((d == 0 ? "client" : "server") + " buffer " + freedIndex + " freed at cycle " + cycle + "; buffer "
                        + copiedIndex[d] + " was copied at " + copiedAt[d] + ", expected its free " + FREE_AFTER_COPY + " cycles later");
                    return;
                }
                copiedAt[d] = -1;
            } else if (copiedAt[d] >= 0) {
                fail("ON_RETURN: the kernel freed client buffer " + freedIndex + " right after its copy; the client's CopyEngine must");
                return;
            }
        } else if (copiedAt[d] >= 0 && !held && cycle - copiedAt[d] > FREE_AFTER_COPY) {
            fail((d == 0 ? "client" : "server") + " buffer " + copiedIndex[d] + " copied at cycle " + copiedAt[d] + " is not freed by " + cycle);
            return;
        }
        if (copied) {
            copiedAt[d] = held ? -1 : cycle;
            copiedIndex[d] = index;
        }
    }

    /**
     * Owners: a buffer allocated in the cycle before has an owner now (MESSAGE: nothing here claims
     * through a BufferPort), a free one has none: the owner table moves the cycle after each flag.
     */
    private void checkOwners(String pool, Config cfg, int[] out, int flagsAt, int ownersAt, int[] before) {
        int w = OwnerKind.BITS + cfg.endpointBits();
        for (int i = 0; i < cfg.buffers(); i++) {
            boolean allocated = ((before[i / 32] >>> (i % 32)) & 1) == 0;
            int bit = i * w;
            int kind = (out[ownersAt + bit / 32] >>> (bit % 32)) & ((1 << OwnerKind.BITS) - 1);
            if (bit % 32 + OwnerKind.BITS > 32) kind |= (out[ownersAt + bit / 32 + 1] << (32 - bit % 32)) & ((1 << OwnerKind.BITS) - 1);
            int expected = allocated ? OwnerKind.MESSAGE.code() : OwnerKind.NONE.code();
            if (kind != expected) {
                fail(pool + " pool: buffer " + i + " is " + (allocated ? "allocated" : "free") + " but its owner kind is "
                    + (kind < OwnerKind.values().length ? OwnerKind.values()[kind] : "code " + kind) + ", expected " + OwnerKind.values()[expected]);
                return;
            }
        }
    }

    /**
     * An endpoint's BufferPort aimed at buffers it never claimed (bad input): READ, WRITE or FREE
     * of a buffer start of its pool, or of an address that is none. Each must be refused (FOREIGN,
     * INVALID_REF, DOUBLE_FREE, OUT_OF_RANGE), and the scoreboard and conservation show it changed nothing.
     */
    private final class ForeignAccess {
        private final String who;
        private final Config pool;
        private final IpcPins.Endpoint p;
        private boolean offering;
        private boolean waiting;
        private BufferOp op;

        ForeignAccess(String who, Config pool, IpcPins.Endpoint p) {
            this.who = who;
            this.pool = pool;
            this.p = p;
        }

        void drive(int[] in) {
            if (!offering && !waiting && traffic.badEvery() > 0 && rnd.nextInt(traffic.badEvery()) == 0) {
                op = List.of(BufferOp.READ, BufferOp.WRITE, BufferOp.FREE).get(rnd.nextInt(3));
                long ref = rnd.nextBoolean() ? pool.ref(rnd.nextInt(pool.buffers())) : rnd.nextInt() & 0xffffffffL;
                in[p.bufOp] = op.code();
                in[p.bufRef] = (int) ref;
                in[p.bufOffset] = rnd.nextInt(pool.bufferWords() + 4);
                in[p.bufData] = rnd.nextInt();
                offering = true;
                foreign++;
            }
            in[p.bufValid] = offering ? 1 : 0;
            in[p.bufRspReady] = 1;
        }

        void observe(int[] out) {
            if (waiting && out[p.bufRspValid] != 0) {
                AccessStatus got = AccessStatus.values()[out[p.bufRspStatus]];
                if (got == AccessStatus.OK || got == AccessStatus.NONE) {
                    fail(who + ": a BufferPort " + op + " of a buffer it never claimed was answered " + got);
                }
                waiting = false;
            }
            if (offering && out[p.bufReady] != 0) {
                offering = false;
                waiting = true;
            }
        }

        void reset() {
            offering = false;
            waiting = false;
        }
    }

    private boolean check(Runnable r) {
        try {
            r.run();
            return true;
        } catch (IllegalStateException ex) {
            fail(ex.getMessage());
            return false;
        }
    }

    private void fail(String why) {
        if (failure == null) failure = why;
    }
}
