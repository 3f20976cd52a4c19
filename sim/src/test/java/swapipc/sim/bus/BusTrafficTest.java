package swapipc.sim.bus;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import swapipc.model.BusError;
import swapipc.model.BusKind;
import swapipc.model.Config;
import swapipc.model.Message;
import swapipc.model.MessageKind;
import swapipc.model.RegisterMap;
import swapipc.model.SendStatus;
import swapipc.sim.Seeds;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The same seeded random traffic over each bus, with random gaps and (AXI) response
 * back-pressure: calls and replies of random lengths in both directions, checked word for word;
 * BufferPort claims (CLAIM or the Fig. 6 loop over FLAG_CLAIM), writes, reads and frees against a
 * shadow of what each endpoint holds (a claim gets the lowest buffer nobody holds); foreign accesses refused. At the
 * end every buffer is back and no unexpected error was latched. Conservation is checked every
 * cycle by {@link BusSystem}.
 */
class BusTrafficTest {
    private static final int OPERATIONS = 160;

    @ParameterizedTest
    @EnumSource(BusKind.class)
    void randomCallsRepliesAndBufferTrafficMatchTheModel(BusKind bus) {
        long seed = Seeds.seed("BusTrafficTest " + bus);
        String replay = "mvn -pl sim test -Dtest=BusTrafficTest -Dswapipc.seed=" + seed;
        Config cfg = Config.DEFAULT;
        SplittableRandom rnd = new SplittableRandom(seed);
        try (BusSystem sys = new BusSystem(cfg, bus, seed, replay)) {
            for (int e = 0; e < cfg.endpoints(); e++) sys.master(e).jitter(0.7, 2);
            EndpointDriver[] ep = {new EndpointDriver(sys, 0), new EndpointDriver(sys, 1)};
            RegisterMap map = ep[0].map();
            // Shadow: buffer index -> (holder, words written).
            Map<Integer, Integer> holder = new TreeMap<>();
            Map<Integer, Map<Integer, Integer>> contents = new HashMap<>();
            int calls = 0;
            for (int op = 0; op < OPERATIONS; op++) {
                int who = rnd.nextInt(2);
                EndpointDriver me = ep[who];
                EndpointDriver other = ep[1 - who];
                String at = " (operation " + op + ", " + replay + ")";
                switch (rnd.nextInt(5)) {
                    case 0, 1 -> {
                        int length = rnd.nextInt(cfg.maxArgBytes() + 1);
                        int[] args = rnd.ints(Message.words(length)).toArray();
                        Message call = new Message(who, 1 - who, MessageKind.CALL, rnd.nextInt(256), calls & 0xFF, rnd.nextInt(256), length, args);
                        assertEquals(SendStatus.OK, me.send(call, rnd.nextBoolean()), "send" + at);
                        Message got = other.receive(20_000);
                        assertEquals(call.toString(), got.toString(), "call delivered" + at);
                        Message reply = new Message(1 - who, who, MessageKind.RETURN, call.opcode(), call.tag(), 1, 4, new int[] {~args.length});
                        assertEquals(SendStatus.OK, other.send(reply, false), "reply" + at);
                        assertEquals(reply.toString(), me.receive(20_000).toString(), "reply delivered" + at);
                        calls++;
                    }
                    case 2 -> {
                        // CLAIM, or the Fig. 6 loop over FLAG_CLAIM: both get the lowest buffer nobody holds.
                        boolean fig6 = rnd.nextBoolean();
                        int ref = fig6 ? me.claimFig6() : me.claim();
                        int expected = lowestUnheld(holder, cfg);
                        assertEquals(expected < 0 ? RegisterMap.CLAIM_NONE : (int) cfg.ref(expected), ref, (fig6 ? "Fig. 6 claim" : "claim") + at);
                        if (expected >= 0) {
                            holder.put(expected, who);
                            contents.put(expected, new HashMap<>());
                        }
                    }
                    case 3 -> {
                        Integer mine = pick(holder, who, rnd);
                        if (mine == null) break;
                        int ref = (int) cfg.ref(mine);
                        for (int n = 0; n < 4; n++) {
                            int k = rnd.nextInt(cfg.bufferWords());
                            if (rnd.nextBoolean()) {
                                int v = rnd.nextInt();
                                me.writeWord(ref, k, v);
                                contents.get(mine).put(k, v);
                            } else {
                                assertEquals(contents.get(mine).getOrDefault(k, 0), me.readWord(ref, k), "pool word " + k + at);
                            }
                        }
                        // The other endpoint may not touch it.
                        other.set(map.POOL_REF, ref);
                        BusAccess foreign = other.read(map.POOL_DATA.offset());
                        assertEquals(true, foreign.error(), "foreign read refused" + at);
                        assertEquals(BusError.FOREIGN.mask(), other.get(map.ERR), "FOREIGN latched" + at);
                        other.set(map.ERR, BusError.FOREIGN.mask());
                    }
                    default -> {
                        Integer mine = pick(holder, who, rnd);
                        if (mine == null) break;
                        me.free((int) cfg.ref(mine));
                        holder.remove(mine);
                        contents.remove(mine);
                        // Zeroize runs before the flag is set: wait until it reads free.
                        sys.run(() -> (ep[0].get(map.FLAGS) >>> mine & 1) != 0, 2000, "free of buffer " + mine);
                    }
                }
            }
            for (Map.Entry<Integer, Integer> h : new ArrayList<>(holder.entrySet())) ep[h.getValue()].free((int) cfg.ref(h.getKey()));
            sys.run(() -> ep[0].get(map.FREE_COUNT) == cfg.buffers(), 5000, "every buffer back");
            assertEquals(0xFFFFFFFF, ep[1].get(map.FLAGS));
            for (EndpointDriver d : ep) assertEquals(0, d.get(map.ERR), "no unexpected error on endpoint " + d.self() + " (" + replay + ")");
            System.out.printf("BusTrafficTest %s: %d operations, %d calls + replies, %d cycles, every message and word as sent%n", bus, OPERATIONS, calls, sys.cycle());
        }
    }

    private static int lowestUnheld(Map<Integer, Integer> holder, Config cfg) {
        for (int i = 0; i < cfg.buffers(); i++) if (!holder.containsKey(i)) return i;
        return -1;
    }

    private static Integer pick(Map<Integer, Integer> holder, int who, SplittableRandom rnd) {
        List<Integer> mine = holder.entrySet().stream().filter(e -> e.getValue() == who).map(Map.Entry::getKey).toList();
        return mine.isEmpty() ? null : mine.get(rnd.nextInt(mine.size()));
    }
}
