package swapipc.sim.bus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import swapipc.model.AccessStatus;
import swapipc.model.BufferOp;
import swapipc.model.BusError;
import swapipc.model.BusKind;
import swapipc.model.Config;
import swapipc.model.ControlArea;
import swapipc.model.IpcModel;
import swapipc.model.Message;
import swapipc.model.MessageKind;
import swapipc.model.OwnerKind;
import swapipc.model.RegisterMap;
import swapipc.model.SendStatus;
import swapipc.hdl.Generator;
import swapipc.sim.CallProfile;
import swapipc.sim.Designs;
import swapipc.sim.Seeds;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The native benches' traffic mix (CallProfile.DEFAULT: every length, fail-fast and refused
 * sends, BufferPort commands with a share of bad ones) over each bus, with random gaps and (AXI)
 * response back-pressure, judged transaction by transaction by the reference model (IpcModel):
 * each send's status, each message received (content, source, per-pair order), each claim's
 * buffer (the lowest free: CLAIM and the Fig. 6 loop), each pool word read, and each refused
 * BufferPort command's error (Owners.decide) with its ERR bit. Calls queue up to the profile's
 * calls in flight before they are taken. At the end every buffer is back in the model and in the
 * RTL and no unexpected error is latched. Every cycle {@link BusSystem} also runs the native
 * bench's monitors and scoreboards on the unit's pins (its taps); they must have accepted exactly
 * the sends this test saw answered OK.
 */
class BusTrafficTest {
    private static final int OPERATIONS = 400;
    private static final CallProfile PROFILE = CallProfile.DEFAULT;

    @ParameterizedTest
    @EnumSource(BusKind.class)
    void randomCallsRepliesAndBufferTrafficMatchTheModel(BusKind bus) {
        long seed = Seeds.seed("BusTrafficTest " + bus);
        String replay = "mvn -pl sim test -Dtest=BusTrafficTest -Dswapipc.seed=" + seed;
        Config cfg = Config.DEFAULT;
        try (BusSystem sys = new BusSystem(cfg, bus, seed, replay)) {
            for (int e = 0; e < cfg.endpoints(); e++) sys.master(e).jitter(0.7, 2);
            Run run = new Run(sys, new IpcModel(cfg), new SplittableRandom(seed), replay);
            for (int op = 0; op < OPERATIONS; op++) run.step(op);
            run.drain();
            assertEquals(run.calls + run.repliesSent, sys.checks().messages(), "sends the monitors saw accepted" + run.at);
            System.out.printf("BusTrafficTest %s: %d operations, %s, %d cycles, every answer as the model decides%n", bus, OPERATIONS, run.counts(), sys.cycle());
        }
    }

    /** The FlagBank drops free port 0's swap from the flags it keeps, and still answers that free OK. */
    private static final String ORIGINAL = "assign set_all = (((((32'h0 | walk_oh_0) | set_oh_0) | set_oh_1) | set_oh_2) | set_oh_3);";
    private static final String MUTATED = "assign set_all = ((((32'h0 | walk_oh_0) | set_oh_1) | set_oh_2) | set_oh_3);";

    /**
     * A broken bus top is stopped by the control area's properties compiled into it and, with
     * those assertions taken out ($finish removed), by the monitors on its taps: a freed buffer
     * whose flag stays 0 fails the taps' flag check the cycle after.
     */
    @Test
    void aFreeThatLeavesItsFlagAllocatedStopsOnTheRtlAssertionAndOnTheTaps() {
        Config cfg = Config.DEFAULT;
        BusKind bus = BusKind.AXI4_LITE;
        Generator.Output checked = Designs.mutant(Designs.of(Generator.Top.of(bus), cfg), "bus-free-keeps-flag", ORIGINAL, MUTATED);
        String stopped = runMutant(checked, cfg, bus);
        assertTrue(stopped.contains("an RTL assertion failed") && stopped.contains("FAILURE flags are the complement of the granted buffers"), stopped);
        Generator.Output pins = Designs.mutant(checked, "bus-free-keeps-flag-pins", v -> v.replace("$finish;", ";"));
        String failure = runMutant(pins, cfg, bus);
        assertTrue(failure.matches("(?s)cycle \\d+: flag \\d+: RTL 0, model 1.*"), failure);
    }

    private static String runMutant(Generator.Output mutant, Config cfg, BusKind bus) {
        String replay = "mvn -pl sim test -Dtest=BusTrafficTest#aFreeThatLeavesItsFlagAllocatedStopsOnTheRtlAssertionAndOnTheTaps";
        AssertionError caught = assertThrows(AssertionError.class, () -> {
            try (BusSystem sys = new BusSystem(mutant, cfg, bus, 1, replay)) {
                Run run = new Run(sys, new IpcModel(cfg), new SplittableRandom(1), replay);
                for (int op = 0; op < OPERATIONS; op++) run.step(op);
                run.drain();
            }
        }, "the mutant passed");
        assertTrue(caught.getMessage().contains("replay: " + replay), caught.getMessage());
        System.out.println("BusTrafficTest: the mutant failed as it must: " + caught.getMessage().lines().findFirst().orElse(""));
        return caught.getMessage();
    }

    /** One seeded run: the drivers, the model beside them, what is queued where, and counts of what happened. */
    private static final class Run {
        final BusSystem sys;
        final IpcModel model;
        final Config cfg;
        final SplittableRandom rnd;
        final String replay;
        final EndpointDriver[] ep;
        final RegisterMap map;
        /** Messages sent to endpoint e and not yet read by it (the presented one included). */
        final int[] queued = new int[2];
        /**
         * What the model delivered into endpoint e's temporary memory: the RTL copies the head of
         * a queue there (and frees its buffer) as soon as the memory is released, without waiting
         * for the reader, so the model delivers at that moment too.
         */
        final Message[] presented = new Message[2];
        /**
         * Calls endpoint e made whose replies it has not taken; at most half the inbound queue each,
         * so calls and replies together never fill a queue (a full queue holds the sender, and the
         * driver waits for its send to be answered).
         */
        final int[] outstanding = new int[2];
        int calls, replies, repliesSent, none, refusedSends, claims, claimNone, refusedBufferOps;
        String at = "";

        Run(BusSystem sys, IpcModel model, SplittableRandom rnd, String replay) {
            this.sys = sys;
            this.model = model;
            this.cfg = model.config();
            this.rnd = rnd;
            this.replay = replay;
            this.ep = new EndpointDriver[] {new EndpointDriver(sys, 0), new EndpointDriver(sys, 1)};
            this.map = ep[0].map();
        }

        String counts() {
            return String.format("%d calls, %d replies, %d NONE, %d refused sends, %d claims (%d NONE), %d refused BufferPort commands",
                calls, replies, none, refusedSends, claims, claimNone, refusedBufferOps);
        }

        void step(int op) {
            int who = rnd.nextInt(2);
            at = " (operation " + op + ", " + replay + ")";
            switch (rnd.nextInt(8)) {
                case 0, 1, 2 -> {
                    if (outstanding[who] < Math.min(PROFILE.callsInFlight() / 2, cfg.queueDepth()) / 2) call(who);
                }
                case 3, 4 -> {
                    if (queued[who] > 0) receive(who);
                }
                case 5 -> claim(who);
                case 6 -> words(who);
                default -> free(who);
            }
        }

        void call(int who) {
            boolean bad = rnd.nextDouble() < PROFILE.badSend();
            int max = Math.min(PROFILE.maxLength(), cfg.maxArgBytes());
            int length = bad && rnd.nextBoolean() ? cfg.maxArgBytes() + 1 + rnd.nextInt(16) : PROFILE.minLength() + rnd.nextInt(max - PROFILE.minLength() + 1);
            int dst = bad && length <= cfg.maxArgBytes() ? cfg.endpoints() + rnd.nextInt(4) : 1 - who;
            int[] args = rnd.ints(Message.words(length)).toArray();
            if (send(ep[who], new Message(who, dst, MessageKind.CALL, rnd.nextInt(256), calls & 0xFF, rnd.nextInt(256), length, args)) == SendStatus.OK) {
                calls++;
                outstanding[who]++;
            }
        }

        /** Sends as the profile says (fail-fast or waiting); waits only when the model has a buffer, so nothing deadlocks. */
        SendStatus send(EndpointDriver me, Message m) {
            SendStatus admitted = model.admit(m);
            boolean poolEmpty = !model.inline(m) && model.allocated() == cfg.buffers();
            boolean blocking = admitted == SendStatus.OK && !poolEmpty && rnd.nextDouble() >= PROFILE.failFast();
            SendStatus expected = admitted != SendStatus.OK ? admitted : poolEmpty ? SendStatus.NONE : SendStatus.OK;
            SendStatus got = me.send(m, blocking);
            assertEquals(expected, got, "send of " + m + at);
            if (got == SendStatus.OK) {
                assertEquals(swapipc.model.AllocStatus.OK, model.send(m).status(), "the model takes " + m + at);
                queued[m.dst()]++;
                present(m.dst());
            }
            if (got == SendStatus.NONE) none++;
            if (admitted != SendStatus.OK) refusedSends++;
            return got;
        }

        /** The oldest message for {@code who}; a call is answered with a reply (its words reversed, negated). */
        void receive(int who) {
            Message got = ep[who].receive(20_000);
            Message expected = presented[who];
            assertTrue(got.sameContent(expected), "received " + got + ", the model delivered " + expected + at);
            presented[who] = null;
            queued[who]--;
            present(who);
            if (got.kind() == MessageKind.CALL) {
                int[] back = new int[got.args().length];
                for (int k = 0; k < back.length; k++) back[k] = ~got.args()[back.length - 1 - k];
                if (send(ep[who], new Message(who, got.src(), MessageKind.RETURN, got.opcode(), got.tag(), got.argc(), got.length(), back)) != SendStatus.OK) {
                    outstanding[got.src()]--; // no buffer for the reply (fail-fast): that call is over
                } else {
                    repliesSent++;
                }
            } else {
                replies++;
                outstanding[who]--;
            }
        }

        /** When endpoint d's temporary memory is free and a message waits: the RTL presents it (its buffer freed); the model delivers it. */
        void present(int d) {
            if (presented[d] != null || queued[d] == 0) return;
            for (int polls = 0; !ep[d].presented(); polls++) {
                if (polls > 200) throw sys.failure("endpoint " + d + ": a queued message was not presented" + at);
            }
            presented[d] = model.deliver(d, 1 - d);
        }

        /** CLAIM, or the Fig. 6 loop over FLAG_CLAIM: the lowest free buffer, or CLAIM_NONE. */
        void claim(int who) {
            boolean fig6 = rnd.nextBoolean();
            int ref = fig6 ? ep[who].claimFig6() : ep[who].claim();
            int lowest = -1;
            for (int i = cfg.buffers() - 1; i >= 0; i--) if (model.flag(i) == ControlArea.FREE) lowest = i;
            assertEquals(lowest < 0 ? RegisterMap.CLAIM_NONE : (int) cfg.ref(lowest), ref, (fig6 ? "Fig. 6 claim" : "CLAIM") + at);
            if (lowest >= 0) {
                model.claimed(who, lowest);
                claims++;
            } else {
                claimNone++;
            }
        }

        /** A few words of one of its own buffers through the pool window, then a command the model refuses. */
        void words(int who) {
            Integer mine = own(who);
            if (mine != null) {
                int ref = (int) cfg.ref(mine);
                for (int n = 0; n < 4; n++) {
                    int k = rnd.nextInt(cfg.bufferWords());
                    if (rnd.nextBoolean()) {
                        int v = rnd.nextInt();
                        ep[who].writeWord(ref, k, v);
                        model.owners().write(mine, k, v);
                    } else {
                        assertEquals(model.owners().read(mine, k), ep[who].readWord(ref, k), "pool word " + k + " of buffer " + mine + at);
                    }
                }
            }
            if (rnd.nextDouble() < PROFILE.bufferBad() * 4) badAccess(rnd.nextInt(2), rnd.nextBoolean() ? BufferOp.READ : BufferOp.WRITE);
        }

        void free(int who) {
            Integer mine = own(who);
            if (mine != null && rnd.nextDouble() >= PROFILE.bufferBad()) {
                ep[who].free((int) cfg.ref(mine));
                model.released(who, mine);
                // Zeroize runs before the flag is set: wait until it reads free.
                sys.run(() -> (ep[0].get(map.FLAGS) >>> mine & 1) != 0, 2000, "free of buffer " + mine);
            } else {
                badAccess(who, BufferOp.FREE);
            }
        }

        /** A READ, WRITE or FREE aimed at a random buffer or a non-buffer address: only what the model refuses is tried. */
        void badAccess(int who, BufferOp op) {
            long ref = rnd.nextInt(4) == 0 ? cfg.ref(rnd.nextInt(cfg.buffers())) + 4 * (1 + rnd.nextInt(3)) : cfg.ref(rnd.nextInt(cfg.buffers()));
            int index = cfg.indexOf(ref);
            AccessStatus decided = model.owners().decide(who, op, ref, 0, index >= 0 && model.flag(index) == ControlArea.FREE);
            if (decided == AccessStatus.OK) return;
            BusAccess a;
            if (op == BufferOp.FREE) {
                a = ep[who].write(map.FREE.offset(), (int) ref);
            } else {
                ep[who].set(map.POOL_REF, (int) ref);
                a = op == BufferOp.READ ? ep[who].read(map.POOL_DATA.offset()) : ep[who].write(map.POOL_DATA.offset(), rnd.nextInt());
            }
            assertTrue(a.error(), op + " of 0x" + Long.toHexString(ref) + " by endpoint " + who + " must be refused (" + decided + ")" + at);
            assertEquals(BusError.valueOf(decided.name()).mask(), ep[who].get(map.ERR), decided + " latched" + at);
            ep[who].set(map.ERR, -1);
            refusedBufferOps++;
        }

        Integer own(int who) {
            List<Integer> mine = new ArrayList<>();
            for (int i = 0; i < cfg.buffers(); i++) {
                if (model.owners().kind(i) == OwnerKind.CLAIMED && model.owners().endpoint(i) == who) mine.add(i);
            }
            return mine.isEmpty() ? null : mine.get(rnd.nextInt(mine.size()));
        }

        /** Every queued message taken (calls answered, their replies taken), every claimed buffer freed: all back, no error. */
        void drain() {
            at = " (drain, " + replay + ")";
            while (queued[0] + queued[1] > 0) receive(queued[0] > 0 ? 0 : 1);
            for (int who = 0; who < 2; who++) {
                for (Integer mine = own(who); mine != null; mine = own(who)) {
                    ep[who].free((int) cfg.ref(mine));
                    model.released(who, mine);
                }
            }
            assertEquals(0, model.allocated(), "the model has every buffer back" + at);
            sys.run(() -> ep[0].get(map.FREE_COUNT) == cfg.buffers(), 5000, "every buffer back");
            assertEquals(0xFFFFFFFF, ep[1].get(map.FLAGS));
            for (EndpointDriver d : ep) assertEquals(0, d.get(map.ERR), "no unexpected error on endpoint " + d.self() + at);
        }
    }
}
