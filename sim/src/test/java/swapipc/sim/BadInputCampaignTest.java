package swapipc.sim;

import org.junit.jupiter.api.Test;
import swapipc.model.AllocStatus;
import swapipc.model.Config;
import swapipc.model.ControlArea;
import swapipc.model.CyclePins;
import swapipc.model.FreeStatus;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Legal and illegal requests mixed at every interface (oversize allocations, frees of bad
 * references and of free buffers, stalled answers, resets and reinits in mid-traffic), RTL
 * against model every cycle; then a drain phase frees every buffer still held, and the pool must
 * be whole again: no buffer lost. 1,000,000 cycles by default, 10,000,000 with ./swapipc test --long.
 */
class BadInputCampaignTest {
    static final long CYCLES = Long.getLong("swapipc.campaign.cycles", 1_000_000);

    @Test
    void badRequestsChangeNothingAndLoseNoBuffer() {
        Config cfg = Config.DEFAULT;
        long seed = Seeds.seed("BadInputCampaignTest");
        Drained stimulus = new Drained(cfg, new Traffic(cfg, seed, Traffic.Profile.CAMPAIGN), CYCLES);
        Lockstep.Result r = Lockstep.run(cfg, stimulus, seed, "./swapipc test -Dtest=BadInputCampaignTest -Dswapipc.seed="
            + seed + " -Dswapipc.campaign.cycles=" + CYCLES, stimulus.total(), false);
        assertNull(r.firstMismatch(), () -> r.firstMismatch());
        System.out.printf("BadInputCampaignTest: %,d cycles; ERROR (oversize) %,d, INVALID_REF %,d, DOUBLE_FREE %,d, "
                + "resets %d, reinits %d; OK allocations %,d, OK frees %,d; buffers free after the drain: %d of %d%n",
            r.cycles(), r.allocs()[AllocStatus.ERROR.code()], r.frees()[FreeStatus.INVALID_REF.code()],
            r.frees()[FreeStatus.DOUBLE_FREE.code()], r.resets(), r.reinits(), r.allocOk(),
            r.frees()[FreeStatus.OK.code()], stimulus.finalFree, cfg.buffers());
        assertEquals(cfg.buffers(), stimulus.finalFree, "buffers lost: the pool is not whole after the drain");
        assertTrue(r.allocs()[AllocStatus.ERROR.code()] > 0 && r.frees()[FreeStatus.INVALID_REF.code()] > 0
            && r.frees()[FreeStatus.DOUBLE_FREE.code()] > 0, "every kind of bad request was exercised");
        assertTrue(r.resets() > 0 && r.reinits() > 0, "resets and reinits in mid-traffic were exercised");
    }

    /** Random traffic, then a drain: no new allocations, every allocated buffer freed once. */
    static final class Drained implements Stimulus {
        private final Config cfg;
        private final Traffic traffic;
        private final long drainFrom;
        private final long total;
        int finalFree = -1;

        Drained(Config cfg, Traffic traffic, long cycles) {
            this.cfg = cfg;
            this.traffic = traffic;
            // Long enough for an initialization walk under way plus freeing every buffer.
            long drain = 2L * cfg.buffers() + 64;
            this.drainFrom = Math.max(cycles - drain, 0);
            this.total = drainFrom + drain;
        }

        long total() { return total; }

        @Override
        public void next(long cycle, CyclePins p, ControlArea area) {
            if (cycle < drainFrom) {
                traffic.next(cycle, p, area);
                return;
            }
            Arrays.fill(p.allocValid, false);
            Arrays.fill(p.allocRspReady, true);
            Arrays.fill(p.freeRspReady, true);
            Arrays.fill(p.freeValid, false);
            p.reset = p.reinit = p.errClear = false;
            int port = 0;
            for (int i = 0; i < cfg.buffers() && port < cfg.ports(); i++) {
                if (area.flag(i) == ControlArea.ALLOCATED) {
                    p.freeValid[port] = true;
                    p.freeRef[port++] = cfg.ref(i);
                }
            }
        }

        @Override
        public void observe(long cycle, CyclePins p) {
            if (cycle == total - 1) finalFree = p.initDone ? p.freeCount : -1;
        }
    }
}
