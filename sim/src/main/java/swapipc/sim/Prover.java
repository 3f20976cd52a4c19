package swapipc.sim;

import swapipc.hdl.Generator;
import swapipc.model.AllocPolicy;
import swapipc.model.Config;
import swapipc.model.ReleasePolicy;
import swapipc.sim.bridge.NativeBuild;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Formal proofs of the ControlArea properties (hdl/.../formal/ControlAreaProperties.scala) with
 * yosys and yosys-smtbmc + z3: bounded model checking, k-induction and cover traces, plus a
 * mutant that must fail, so the proofs are known to bite.
 */
public final class Prover {
    /** yosys-smtbmc flags that make z3 finish (see docs/formal.md). */
    private static final List<String> SMTBMC = List.of("yosys-smtbmc", "-s", "z3", "--unroll", "--logic", "QF_BV");

    private static final String MUTANT_DROP_ORIGINAL = "assign room_0 = (! queue_0_full);";
    private static final String MUTANT_DROP_MUTATED = "assign room_0 = 1'b1;";

    public enum Mode {
        BMC, INDUCTION, COVER;

        List<String> flags(int depth) {
            return switch (this) {
                case BMC -> List.of("-t", Integer.toString(depth));
                case INDUCTION -> List.of("-i", "-t", Integer.toString(depth));
                case COVER -> List.of("-c", "-t", Integer.toString(depth));
            };
        }
    }

    /** Deliberate bugs, applied to the generated Verilog; each must make its proof fail. */
    public enum Mutation {
        NONE(null, null),
        /** In the Indicator, queue 0 is said to have room always: a post to a full queue overwrites a stored one. */
        DROP_WHEN_FULL(MUTANT_DROP_ORIGINAL, MUTANT_DROP_MUTATED),
        /**
         * When allocate port 1 swaps, allocate port 0's swap of the same cycle is left out of the
         * flag update; port 0's claim is lost only when both ports allocate at once, and its
         * buffer can then be granted again.
         */
        LOST_SWAP("assign clear_all = (clear_oh_0 | clear_oh_1);",
            "assign clear_all = (io_clear_1_valid ? clear_oh_1 : clear_oh_0);"),
        /** Free port 0 answers an invalid reference DOUBLE_FREE: no flag changes, only the answer's kind is wrong. */
        WRONG_REFUSAL("port_0_rspStatus <= ((! port_0_validRef) ? 2'b01 :", "port_0_rspStatus <= ((! port_0_validRef) ? 2'b10 :"),
        /** Allocate port 0 refuses a request of exactly bufferBytes (256) as oversize. */
        SIZE_OFF_BY_ONE("port_0_fitsNext = (io_ports_0_req_fire ? (io_ports_0_req_payload_bytes <= 16'h0100) :",
            "port_0_fitsNext = (io_ports_0_req_fire ? (io_ports_0_req_payload_bytes < 16'h0100) :"),
        /** Free port 0 answers a free of a free buffer OK (no flag changes: the 1 is swapped over a 1). */
        FREE_OF_FREE_OK("port_0_rspStatus <= ((! port_0_validRef) ? 2'b01 : (io_swap_0_old ? 2'b10 : 2'b00));",
            "port_0_rspStatus <= ((! port_0_validRef) ? 2'b01 : 2'b00);"),
        /** When free port 1 swaps, free port 0's swap of the same cycle is left out: a buffer answered freed stays allocated. */
        LOST_FREE_SWAP("assign set_all = (((4'b0000 | walk_oh_0) | set_oh_0) | set_oh_1);",
            "assign set_all = ((4'b0000 | walk_oh_0) | (io_set_1_valid ? set_oh_1 : set_oh_0));"),
        /** Free port 0 ignores the reference's low bits: a reference inside a buffer frees that buffer. */
        UNALIGNED_FREE("&& (io_ports_0_req_payload_ref[7 : 0] == 8'h0)) && 1'b1);", "&& 1'b1) && 1'b1);"),
        /** The error status never learns of a double free (the event is tied to 0): only errFlags and errCount are wrong. */
        DOUBLE_FREE_UNFLAGGED("assign errors_io_events_2 = {deallocator_1_io_doubleFree_1,deallocator_1_io_doubleFree_0};",
            "assign errors_io_events_2 = 2'b00;"),
        /** SCAN: allocate port 0 takes every request as fitting, so an oversize one walks and is granted. */
        SCAN_OVERSIZE_GRANTED("port_0_fitsNext = (io_ports_0_req_fire ? (io_ports_0_req_payload_bytes <= 16'h0100) :",
            "port_0_fitsNext = (io_ports_0_req_fire ? 1'b1 :"),
        /** SCAN: allocate port 0 grants the flag it swaps whatever the swap returned (an allocated buffer again). */
        SCAN_IGNORES_OLD("if(io_swap_0_old) begin\n          port_0_rspValid <= 1'b1;",
            "if(1'b1) begin\n          port_0_rspValid <= 1'b1;"),
        /** AXI4-Lite: the R register takes a new answer even while R waits for RREADY (a response changes under back-pressure). */
        R_NOT_HELD("if(toR_ready) begin\n        toR_rValid <= toR_valid;", "if(1'b1) begin\n        toR_rValid <= toR_valid;"),
        /** APB3: the wrapper forgets that it handed the transfer to the core, and hands it again. */
        APB_TWICE("assign io_reg_cmd_valid = (io_apb_PSEL[0] && (! issued));", "assign io_reg_cmd_valid = io_apb_PSEL[0];"),
        /** Wishbone: the answer to an abandoned access is given to the next one (the bug the stale flag fixes). */
        STALE_ANSWER("assign answer = ((io_reg_rsp_valid && (! stale)) && active);", "assign answer = (io_reg_rsp_valid && active);"),
        /** RoundRobinArbiter (two inputs) gives input 0 priority instead of taking turns. */
        FIXED_PRIORITY("assign maskProposal_1 = (io_inputs_1_valid && (! (io_inputs_0_valid && ahead_0_1)));",
            "assign maskProposal_1 = (io_inputs_1_valid && (! io_inputs_0_valid));");

        final String original;
        final String mutated;

        Mutation(String original, String mutated) {
            this.original = original;
            this.mutated = mutated;
        }
    }

    /** The formal harnesses (hdl/.../formal): a unit with its properties. */
    public enum Harness { ControlAreaProperties, IndicatorProperties, AxiLite4SlaveProperties, Apb3SlaveProperties, WishboneSlaveProperties,
        SystemProperties, RoundRobinArbiterProperties, CompareProperties }

    /** One proof: expected to pass, except for a mutant, which must fail. */
    public record Job(String name, Harness harness, Config config, Mode mode, int depth, Mutation mutation) {
        public boolean expectPass() { return mutation == Mutation.NONE; }
    }

    public record Outcome(Job job, boolean passed, double seconds, String log) {
        public boolean asExpected() { return passed == job.expectPass(); }
    }

    /** Model directories written by this JVM. */
    private static final Set<Path> PREPARED = new HashSet<>();

    private Prover() {}

    /** BMC past the Fig. 8 walk, induction, covers (pool full and given back), for one configuration. */
    static List<Job> jobsFor(String name, Config cfg, int induction) {
        int n = cfg.buffers();
        // Filling the pool takes n/ports cycles with LOWEST_FREE, up to 1 + 2 + ... + n with SCAN.
        int fill = cfg.allocPolicy() == AllocPolicy.SCAN ? n * (n + 1) / 2 : (n + cfg.ports() - 1) / cfg.ports();
        Harness h = Harness.ControlAreaProperties;
        return List.of(
            new Job(name, h, cfg, Mode.BMC, n + 12, Mutation.NONE),
            new Job(name, h, cfg, Mode.INDUCTION, induction, Mutation.NONE),
            new Job(name, h, cfg, Mode.COVER, n + fill + 8, Mutation.NONE));
    }

    /** Both pools of the proved IpcSystem: the fewest buffers SystemConfig allows, two-word messages, two-deep queues. */
    static final Config SYSTEM_POOLS = Config.DEFAULT.withBufferBytes(16).withInlineBytes(0).withQueueDepth(2).withZeroize(false);

    /** The message path's queues: two endpoints, two-deep queues, no inline words (they carry no control). */
    static final Config QUEUES = Config.DEFAULT.withBuffers(4).withBufferBytes(16).withInlineBytes(0).withQueueDepth(2)
        .withDebugPorts(true); // the proofs read the queues' pooled counts

    /**
     * The default configuration's k-induction (8 to 14 minutes of z3), BMC at depth 44 (4 to 10) and
     * cover at depth 56 (7 minutes since it covers every answer kind): they run in `prove` and
     * `test --long`; the default suite keeps every n = 4 proof, whose covers reach the same kinds.
     */
    public static List<Job> longJobs() {
        return jobsFor("default", Config.DEFAULT, 4);
    }

    /** Everything `./swapipc prove` runs: the long jobs first (the workers take jobs in order). */
    public static List<Job> allJobs() {
        List<Job> jobs = new ArrayList<>(longJobs());
        jobs.addAll(standardJobs());
        return jobs;
    }

    /** The proof set of the default test suite: all but {@link #longJobs()}. */
    public static List<Job> standardJobs() {
        Config small = Config.DEFAULT.withBuffers(4);
        List<Job> jobs = new ArrayList<>();
        // The three-party system (SystemProperties.system: one client, one server thread, these pools),
        // first: its BMCs are the longest jobs of this set.
        jobs.add(new Job("system", Harness.SystemProperties, SYSTEM_POOLS.withBuffers(5), Mode.BMC, 20, Mutation.NONE));
        jobs.add(new Job("system ON_RETURN", Harness.SystemProperties,
            SYSTEM_POOLS.withBuffers(6).withReleasePolicy(ReleasePolicy.ON_RETURN), Mode.BMC, 16, Mutation.NONE));
        jobs.addAll(jobsFor("n=4", small, 12));
        jobs.addAll(jobsFor("n=4 SCAN", small.withAllocPolicy(AllocPolicy.SCAN), 12));
        jobs.add(new Job("n=4 mutant LOST_SWAP", Harness.ControlAreaProperties, small, Mode.BMC, 16, Mutation.LOST_SWAP));
        jobs.add(new Job("n=4 mutant WRONG_REFUSAL", Harness.ControlAreaProperties, small, Mode.BMC, 16, Mutation.WRONG_REFUSAL));
        jobs.add(new Job("n=4 mutant SIZE_OFF_BY_ONE", Harness.ControlAreaProperties, small, Mode.BMC, 16, Mutation.SIZE_OFF_BY_ONE));
        for (Mutation m : List.of(Mutation.FREE_OF_FREE_OK, Mutation.LOST_FREE_SWAP, Mutation.UNALIGNED_FREE, Mutation.DOUBLE_FREE_UNFLAGGED)) {
            jobs.add(new Job("n=4 mutant " + m, Harness.ControlAreaProperties, small, Mode.BMC, 16, m));
        }
        Config scan = small.withAllocPolicy(AllocPolicy.SCAN);
        for (Mutation m : List.of(Mutation.SCAN_OVERSIZE_GRANTED, Mutation.SCAN_IGNORES_OLD)) {
            jobs.add(new Job("n=4 SCAN mutant " + m, Harness.ControlAreaProperties, scan, Mode.BMC, 16, m));
        }
        Harness q = Harness.IndicatorProperties;
        jobs.add(new Job("queues", q, QUEUES, Mode.BMC, 12, Mutation.NONE));
        jobs.add(new Job("queues", q, QUEUES, Mode.INDUCTION, 4, Mutation.NONE));
        jobs.add(new Job("queues", q, QUEUES, Mode.COVER, 12, Mutation.NONE));
        jobs.add(new Job("queues mutant DROP_WHEN_FULL", q, QUEUES, Mode.BMC, 12, Mutation.DROP_WHEN_FULL));
        for (Harness bus : List.of(Harness.AxiLite4SlaveProperties, Harness.Apb3SlaveProperties, Harness.WishboneSlaveProperties)) {
            String name = bus.name().replace("SlaveProperties", " slave");
            // The wrappers do not depend on the pool's size; n = 4 keeps them in `prove --small`.
            jobs.add(new Job(name, bus, small, Mode.BMC, 16, Mutation.NONE));
            jobs.add(new Job(name, bus, small, Mode.INDUCTION, 8, Mutation.NONE));
            jobs.add(new Job(name, bus, small, Mode.COVER, 12, Mutation.NONE));
        }
        // RoundRobinArbiter equals the library's round-robin arbiter; the harness reads its size from endpoints.
        for (int inputs : List.of(2, 3, 6)) {
            Config size = small.withEndpoints(inputs);
            jobs.add(new Job("round robin " + inputs, Harness.RoundRobinArbiterProperties, size, Mode.BMC, 12, Mutation.NONE));
            jobs.add(new Job("round robin " + inputs, Harness.RoundRobinArbiterProperties, size, Mode.INDUCTION, 4, Mutation.NONE));
        }
        // Compare's constant compares equal <= and < (combinational: past the reset step, one step decides).
        jobs.add(new Job("constant compares", Harness.CompareProperties, small, Mode.BMC, 2, Mutation.NONE));
        jobs.add(new Job("round robin 2 mutant FIXED_PRIORITY", Harness.RoundRobinArbiterProperties, small.withEndpoints(2), Mode.BMC, 12,
            Mutation.FIXED_PRIORITY));
        jobs.add(new Job("AxiLite4 slave mutant R_NOT_HELD", Harness.AxiLite4SlaveProperties, small, Mode.BMC, 16, Mutation.R_NOT_HELD));
        jobs.add(new Job("Apb3 slave mutant APB_TWICE", Harness.Apb3SlaveProperties, small, Mode.BMC, 16, Mutation.APB_TWICE));
        jobs.add(new Job("Wishbone slave mutant STALE_ANSWER", Harness.WishboneSlaveProperties, small, Mode.BMC, 16, Mutation.STALE_ANSWER));
        return jobs;
    }

    /** Runs jobs on {@code threads} workers (one z3 each); longest jobs should come first. */
    public static List<Outcome> run(List<Job> jobs, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Job j : jobs) futures.add(pool.submit(() -> prove(j)));
            List<Outcome> out = new ArrayList<>();
            for (Future<Outcome> f : futures) out.add(f.get());
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("proof job failed to run: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    public static Outcome prove(Job job) throws IOException, InterruptedException {
        Path smt2 = model(job.harness(), job.config(), job.mutation());
        List<String> cmd = new ArrayList<>(SMTBMC);
        cmd.addAll(job.mode().flags(job.depth()));
        cmd.add(smt2.getFileName().toString());
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).directory(smt2.getParent().toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        boolean passed = rc == 0 && log.contains("Status: PASSED");
        return new Outcome(job, passed, (System.nanoTime() - t0) / 1e9, log);
    }

    /**
     * Generates the properties, applies the mutation, and writes the SMT2 model, once per JVM and
     * variant. A model left in target/ by an earlier run is never reused: the RTL may have changed.
     */
    private static synchronized Path model(Harness harness, Config cfg, Mutation mutation) throws IOException, InterruptedException {
        Path dir = Workspace.root().resolve("target/formal/" + harness + "-" + String.join("-", cfg.toMap().values()) + "-" + mutation);
        Path smt2 = dir.resolve("model.smt2");
        if (PREPARED.contains(dir)) return smt2;
        Path verilog = Generator.properties(harness.name(), cfg, dir);
        if (mutation != Mutation.NONE) {
            String v = Files.readString(verilog);
            int at = v.indexOf(mutation.original);
            if (at < 0 || v.indexOf(mutation.original, at + 1) >= 0) {
                throw new IllegalStateException("mutation " + mutation + " no longer applies: the generated Verilog "
                    + (at < 0 ? "lacks" : "has more than one") + " '" + mutation.original + "'");
            }
            Files.writeString(verilog, v.replace(mutation.original, mutation.mutated));
        }
        Files.writeString(dir.resolve("prep.ys"), String.join("\n",
            "read_verilog -formal " + verilog.getFileName(),
            "prep -top " + harness,
            // Queue RAMs become registers: z3 then stays in bit-vector logic (no SMT arrays).
            "memory_map",
            "async2sync",
            "chformal -assume -early",
            "opt_clean",
            "setundef -anyseq",
            "opt -keepdc -fast",
            "check",
            "hierarchy -simcheck",
            "dffunmap",
            "write_smt2 -wires model.smt2", ""));
        NativeBuild.run(dir, List.of("yosys", "-q", "prep.ys"));
        PREPARED.add(dir);
        return smt2;
    }

    /** The lines of a proof log worth showing: failures, cover hits and the status. */
    public static String summary(String log) {
        StringBuilder sb = new StringBuilder();
        for (String raw : log.split("\n")) {
            // yosys-smtbmc redraws a progress spinner with carriage returns; keep the final text.
            String line = raw.substring(raw.lastIndexOf('\r') + 1);
            if (line.contains("failed") || line.contains("Assert") || line.contains("Status") || line.contains("Reached")) {
                sb.append(line.strip()).append('\n');
            }
        }
        return sb.toString();
    }

    /** Fails unless every outcome is what its job expects. */
    public static void requireAsExpected(List<Outcome> outcomes) {
        for (Outcome o : outcomes) {
            if (!o.asExpected()) {
                throw new AssertionError(o.job().name() + " " + o.job().mode() + " depth " + o.job().depth()
                    + (o.job().expectPass() ? " failed" : " passed although the design is broken") + ":\n"
                    + summary(o.log()));
            }
        }
    }
}
