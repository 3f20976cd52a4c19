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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both endpoints at once over each bus (`BusPrograms`: the two programs interleave cycle by
 * cycle, deterministically): each sends calls to the other (fail-fast, up to four outstanding),
 * serves the calls it receives with a reply (blocking), matches each reply to its call by tag,
 * and claims (CLAIM or the Fig. 6 loop), writes, reads and frees buffers of its own, and tries the
 * other's (FOREIGN). Every message must arrive exactly once with the content sent, every call
 * must get its reply, a claimed buffer must be one nobody holds and read 0 (zeroize), and at the
 * end every buffer is back; conservation is checked every cycle by {@link BusSystem}.
 */
class BusConcurrentTrafficTest {
    private static final int OPERATIONS = 600;
    private static final int MAX_OUTSTANDING = 4;
    private static final int MAX_CLAIMED = 4;

    /** What both programs share (they run one at a time, so no locking). */
    private static final class Shared {
        final Map<String, Message> inFlight = new HashMap<>();
        final Map<Integer, Integer> holder = new HashMap<>();
        final int[] outstanding = new int[2];
        final int[] calls = new int[2];
        boolean[] done = new boolean[2];

        static String key(Message m) { return m.kind() + " " + m.src() + "->" + m.dst() + " tag " + m.tag(); }
    }

    @ParameterizedTest
    @EnumSource(BusKind.class)
    void bothEndpointsAtOnceMatchTheModel(BusKind bus) {
        long seed = Seeds.seed("BusConcurrentTrafficTest " + bus);
        String replay = "mvn -pl sim test -Dtest=BusConcurrentTrafficTest -Dswapipc.seed=" + seed;
        Config cfg = Config.DEFAULT;
        try (BusSystem sys = new BusSystem(cfg, bus, seed, replay)) {
            for (int e = 0; e < 2; e++) sys.master(e).jitter(0.7, 2);
            Shared shared = new Shared();
            List<BusPrograms.Program> programs = new ArrayList<>();
            for (int e = 0; e < 2; e++) {
                int self = e;
                programs.add(clock -> program(new EndpointDriver(sys, self, clock), shared, new SplittableRandom(seed * 7 + self), cfg, replay));
            }
            new BusPrograms(sys).run(programs, 2_000_000);
            EndpointDriver ep0 = new EndpointDriver(sys, 0);
            RegisterMap map = ep0.map();
            sys.run(() -> ep0.get(map.FREE_COUNT) == cfg.buffers(), 5000, "every buffer back");
            assertEquals(0xFFFFFFFF, ep0.get(map.FLAGS));
            assertTrue(shared.inFlight.isEmpty(), "messages never delivered: " + shared.inFlight.keySet());
            System.out.printf("BusConcurrentTrafficTest %s: %d + %d calls with replies, %d cycles, every message once and as sent%n",
                bus, shared.calls[0], shared.calls[1], sys.cycle());
        }
    }

    private static void program(EndpointDriver me, Shared s, SplittableRandom rnd, Config cfg, String replay) {
        int self = me.self();
        int other = 1 - self;
        RegisterMap map = me.map();
        List<Integer> mine = new ArrayList<>();
        int tag = 0;
        for (int op = 0; op < OPERATIONS; op++) {
            String at = " (endpoint " + self + ", operation " + op + ", " + replay + ")";
            switch (rnd.nextInt(6)) {
                case 0, 1 -> {
                    if (s.outstanding[self] >= MAX_OUTSTANDING) break;
                    int length = rnd.nextInt(cfg.maxArgBytes() + 1);
                    Message call = new Message(self, other, MessageKind.CALL, rnd.nextInt(256), tag, rnd.nextInt(256), length,
                        rnd.ints(Message.words(length)).toArray());
                    SendStatus st = me.send(call, false);
                    if (st == SendStatus.OK) {
                        s.inFlight.put(Shared.key(call), call);
                        s.outstanding[self]++;
                        tag = (tag + 1) & 0xFF;
                    } else {
                        assertEquals(SendStatus.NONE, st, "a fail-fast call is OK or NONE" + at);
                    }
                }
                case 2 -> serve(me, s, rnd, at);
                case 3 -> {
                    if (mine.size() >= MAX_CLAIMED) break;
                    int ref = rnd.nextBoolean() ? me.claimFig6() : me.claim();
                    if (ref == RegisterMap.CLAIM_NONE) break;
                    int index = cfg.indexOf(Integer.toUnsignedLong(ref));
                    assertTrue(index >= 0 && !s.holder.containsKey(index), "claimed buffer " + index + " is free" + at);
                    assertEquals(0, me.readWord(ref, rnd.nextInt(cfg.bufferWords())), "a claimed buffer reads 0 (zeroize)" + at);
                    s.holder.put(index, self);
                    mine.add(index);
                }
                case 4 -> {
                    if (mine.isEmpty()) break;
                    int ref = (int) cfg.ref(mine.get(rnd.nextInt(mine.size())));
                    int k = rnd.nextInt(cfg.bufferWords());
                    int v = rnd.nextInt();
                    me.writeWord(ref, k, v);
                    assertEquals(v, me.readWord(ref, k), "pool word read back" + at);
                    Integer theirs = s.holder.entrySet().stream().filter(h -> h.getValue() == other).map(Map.Entry::getKey).findFirst().orElse(null);
                    if (theirs != null) {
                        me.set(map.POOL_REF, (int) cfg.ref(theirs));
                        assertTrue(me.read(map.POOL_DATA.offset()).error(), "the other's buffer is refused" + at);
                        assertEquals(BusError.FOREIGN.mask(), me.get(map.ERR), "FOREIGN" + at);
                        me.set(map.ERR, BusError.FOREIGN.mask());
                    }
                }
                default -> {
                    if (mine.isEmpty()) break;
                    int index = mine.remove(rnd.nextInt(mine.size()));
                    s.holder.remove(index);
                    me.free((int) cfg.ref(index));
                }
            }
        }
        // Drain: answer calls and collect replies until neither side has anything outstanding.
        s.done[self] = true;
        int idle = 0;
        while (s.outstanding[0] + s.outstanding[1] > 0 || !s.done[other] || me.presented()) {
            if (!serve(me, s, rnd, " (endpoint " + self + ", drain, " + replay + ")")) idle++;
            if (idle > 100_000) throw new AssertionError("endpoint " + self + ": drain does not end: outstanding "
                + s.outstanding[0] + "/" + s.outstanding[1] + " (" + replay + ")");
        }
        for (int index : mine) {
            s.holder.remove(index);
            me.free((int) cfg.ref(index));
        }
        assertEquals(0, me.get(map.ERR), "no unexpected error on endpoint " + self + " (" + replay + ")");
    }

    /** Takes a presented message, if any: a call is checked and answered, a reply matched to its call. */
    private static boolean serve(EndpointDriver me, Shared s, SplittableRandom rnd, String at) {
        if (!me.presented()) return false;
        Message m = me.receive(1000);
        Message sent = s.inFlight.remove(Shared.key(m));
        assertTrue(sent != null, "received " + m + ", which was not sent or came twice" + at);
        assertEquals(sent.toString(), m.toString(), "delivered as sent" + at);
        if (m.kind() == MessageKind.CALL) {
            int length = rnd.nextInt(65);
            Message reply = new Message(me.self(), m.src(), MessageKind.RETURN, m.opcode(), m.tag(), 1, length,
                rnd.ints(Message.words(length)).toArray());
            s.inFlight.put(Shared.key(reply), reply);
            assertEquals(SendStatus.OK, me.send(reply, true), "a blocking reply is sent" + at);
        } else {
            s.outstanding[me.self()]--;
            s.calls[me.self()]++;
        }
        return true;
    }
}
