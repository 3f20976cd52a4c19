package swapipc.sim;

import org.junit.jupiter.api.Test;
import swapipc.model.AllocPolicy;
import swapipc.model.AllocStatus;
import swapipc.model.Config;
import swapipc.model.ErrorKind;
import swapipc.model.FreeStatus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One directed test per path of Figs. 6, 7 and 8, on the RTL in lockstep with the model. Timing
 * of every channel: a request taken in cycle t is decided in t + 1 (its flag changes there and
 * reads changed from t + 2) and answered from t + 2; freeCount follows the flags one cycle late,
 * and the error status shows an error from t + 3.
 */
class DirectedTest {
    private static final Config SMALL = Config.DEFAULT.withBuffers(4);
    private static final int OK = AllocStatus.OK.code();

    @Test
    void fig8WalksTheFlagsThenOpensTheControlArea() {
        Script s = new Script(SMALL);
        s.expect(p -> {
            assertEquals(0, p.count);
            assertEquals("0000", Script.flags(p));
            assertFalse(p.initDone);
            assertFalse(p.allocReady[0] || p.freeReady[0], "requests wait while the walk runs");
        });
        for (int i = 1; i < 4; i++) {
            final int walked = i;
            s.expect(p -> {
                assertEquals(4, p.count);
                assertEquals("1".repeat(walked) + "0".repeat(4 - walked), Script.flags(p));
                assertFalse(p.initDone);
            });
        }
        s.expect(p -> {
            assertTrue(p.initDone && p.allocReady[0] && p.allocReady[1] && p.freeReady[1]);
            assertEquals("1111", Script.flags(p));
            assertEquals(3, p.freeCount, "freeCount counts the flags of the cycle before");
        });
        s.expect(p -> assertEquals(4, p.freeCount));
        s.run();
    }

    @Test
    void fig6LowestFreeGivesEachPortABufferEveryCycleWithTwoCycleLatency() {
        Script s = new Script(SMALL).afterInit();
        s.drive(p -> p.allocValid[0] = p.allocValid[1] = true);
        s.cycle(p -> p.allocValid[0] = p.allocValid[1] = true, p -> {
            assertTrue(p.allocReady[0] && p.allocReady[1], "a new request every cycle");
            assertFalse(p.allocRspValid[0] || p.allocRspValid[1], "the first requests are being decided");
            assertEquals("1111", Script.flags(p));
        });
        s.cycle(p -> p.allocValid[0] = true, p -> {
            assertEquals("0011", Script.flags(p));
            for (int q = 0; q < 2; q++) {
                assertTrue(p.allocRspValid[q], "answer two cycles after the request");
                assertEquals(OK, p.allocRspStatus[q]);
                assertEquals(q, p.allocRspIndex[q]);
                assertEquals(SMALL.ref(q), p.allocRspRef[q]);
            }
        });
        s.expect(p -> {
            assertEquals(2, p.allocRspIndex[0]);
            assertEquals(3, p.allocRspIndex[1]);
            assertEquals("0000", Script.flags(p));
        });
        s.expect(p -> {
            assertEquals(AllocStatus.NONE.code(), p.allocRspStatus[0], "pool exhausted (step 610)");
            assertEquals(0, p.allocRspRef[0]);
            assertEquals("0000", Script.flags(p));
            assertEquals(0, p.errCount, "NONE is not an error");
        });
        s.run();
    }

    @Test
    void fig6OversizeRequestIsAnErrorThatChangesNoFlag() {
        Script s = new Script(SMALL).afterInit();
        s.drive(p -> {
            p.allocValid[1] = true;
            p.allocBytes[1] = SMALL.bufferBytes() + 1;
        });
        s.drive(p -> {
            p.allocValid[1] = true;
            p.allocBytes[1] = SMALL.bufferBytes();
        });
        s.expect(p -> {
            assertEquals(AllocStatus.ERROR.code(), p.allocRspStatus[1]);
            assertEquals("1111", Script.flags(p));
            assertEquals(0, p.errFlags, "the error status follows the answer by a cycle");
        });
        s.expect(p -> {
            assertEquals(OK, p.allocRspStatus[1], "a request of exactly bufferBytes fits");
            assertEquals("0111", Script.flags(p));
            assertEquals(ErrorKind.SIZE.mask(), p.errFlags);
            assertEquals(1, p.errCount);
        });
        s.run();
    }

    @Test
    void fig7FreesAndRefusesBadReferencesAndDoubleFreesWithoutChangingFlags() {
        Script s = new Script(SMALL).afterInit();
        s.drive(p -> p.allocValid[0] = p.allocValid[1] = true);
        s.drive(p -> free(p, 0, SMALL.ref(0)));
        s.cycle(p -> free(p, 0, SMALL.ref(0)), p -> assertEquals("0011", Script.flags(p)));
        long[] bad = {SMALL.ref(1) + 4, SMALL.poolBase() - SMALL.bufferBytes(), SMALL.ref(4), 0};
        // Answers two cycles behind the requests: OK, DOUBLE_FREE, then one INVALID_REF per bad reference.
        for (int i = 0; i < bad.length + 2; i++) {
            final int k = i;
            s.cycle(p -> { if (k < bad.length) free(p, 1, bad[k]); }, p -> {
                if (k < 2) {
                    assertEquals((k == 0 ? FreeStatus.OK : FreeStatus.DOUBLE_FREE).code(), p.freeRspStatus[0]);
                } else {
                    assertEquals(FreeStatus.INVALID_REF.code(), p.freeRspStatus[1]);
                }
                assertEquals("1011", Script.flags(p));
            });
        }
        s.cycle(p -> p.errClear = true, p -> {
            assertEquals(FreeStatus.INVALID_REF.code(), p.freeRspStatus[1]);
            assertEquals(ErrorKind.INVALID_REF.mask() | ErrorKind.DOUBLE_FREE.mask(), p.errFlags);
            assertEquals(bad.length + 1, p.errCount);
            assertEquals(3, p.freeCount);
        });
        s.expect(p -> {
            assertEquals(0, p.errFlags, "write-to-clear empties the sticky status");
            assertEquals(0, p.errCount);
        });
        s.run();
    }

    @Test
    void errorCountSaturatesAndKeepsTheStateUnchanged() {
        Config cfg = Config.DEFAULT;
        int requests = ErrorKind.COUNT_MAX + 100;
        Script s = new Script(cfg).afterInit();
        for (int i = 0; i < requests; i += 2) {
            s.drive(p -> {
                p.allocValid[0] = p.allocValid[1] = true;
                p.allocBytes[0] = p.allocBytes[1] = 0xffff;
            });
        }
        s.expect(p -> {
            assertEquals(ErrorKind.COUNT_MAX, p.errCount, "the count saturates instead of wrapping");
            assertEquals(ErrorKind.SIZE.mask(), p.errFlags);
            assertEquals(cfg.buffers(), p.freeCount, "no oversize request took a buffer");
        });
        s.run();
    }

    @Test
    void sameCycleContentionIsSerializedInPortOrder() {
        Script s = new Script(SMALL).afterInit();
        s.drive(p -> p.allocValid[0] = true);
        // Both ports free buffer 0 at once; port 0 also allocates in the cycle buffer 0 is freed
        // (all three decided in the same cycle).
        s.drive(p -> {
            free(p, 0, SMALL.ref(0));
            free(p, 1, SMALL.ref(0));
            p.allocValid[0] = true;
        });
        s.drive(p -> p.allocValid[0] = true);
        s.expect(p -> {
            assertEquals(FreeStatus.OK.code(), p.freeRspStatus[0]);
            assertEquals(FreeStatus.DOUBLE_FREE.code(), p.freeRspStatus[1]);
            assertEquals(1, p.allocRspIndex[0], "a buffer freed in cycle t is allocatable from t+1");
        });
        s.expect(p -> assertEquals(0, p.allocRspIndex[0]));
        s.run();
    }

    @Test
    void sameCycleDoubleFreeOfABufferBeingGrantedIsRefusedAndChangesNoFlag() {
        Script s = new Script(SMALL).afterInit();
        // Buffer 0 is free; port 0 is granted it while port 1 frees it (a double free) in the same cycle.
        s.drive(p -> {
            p.allocValid[0] = true;
            free(p, 1, SMALL.ref(0));
        });
        s.drive(p -> p.allocValid[1] = true);
        s.expect(p -> {
            assertEquals(OK, p.allocRspStatus[0]);
            assertEquals(0, p.allocRspIndex[0]);
            assertEquals(FreeStatus.DOUBLE_FREE.code(), p.freeRspStatus[1], "frees swap before allocations");
            assertEquals("0111", Script.flags(p), "buffer 0 stays with its new holder");
        });
        s.expect(p -> {
            assertEquals(1, p.allocRspIndex[1], "buffer 0 is not handed out a second time");
            assertEquals(3, p.freeCount);
            assertEquals(ErrorKind.DOUBLE_FREE.mask(), p.errFlags);
        });
        s.run();
    }

    @Test
    void reinitFreesThePoolWithoutAReset() {
        Script s = new Script(SMALL).afterInit();
        s.drive(p -> p.allocValid[0] = p.allocValid[1] = true).idle(1);
        s.cycle(p -> p.reinit = true, p -> assertEquals("0011", Script.flags(p)));
        s.expect(p -> assertFalse(p.initDone)).idle(3);
        s.expect(p -> {
            assertTrue(p.initDone);
            assertEquals("1111", Script.flags(p));
            assertEquals(4, p.freeCount);
        });
        s.run();
    }

    @Test
    void scanWalksOneFlagPerCycleAsInFig6() {
        Config scan = Config.DEFAULT.withBuffers(8).withAllocPolicy(AllocPolicy.SCAN).withPorts(1);
        Script s = new Script(scan).afterInit();
        // Three requests back to back: latency 2, 3, 4 cycles as the walk passes more allocated flags.
        int[] latency = {2, 3, 4};
        for (int k = 0; k < latency.length; k++) {
            final int index = k;
            s.drive(p -> p.allocValid[0] = true);
            for (int c = 1; c < latency[k]; c++) s.expect(p -> assertFalse(p.allocRspValid[0]));
            s.expect(p -> {
                assertTrue(p.allocRspValid[0]);
                assertEquals(OK, p.allocRspStatus[0]);
                assertEquals(index, p.allocRspIndex[0]);
            });
        }
        s.run();
    }

    @Test
    void scanAnswersNoneAfterWalkingAFullPool() {
        Config scan = Config.DEFAULT.withBuffers(4).withAllocPolicy(AllocPolicy.SCAN).withPorts(1);
        Script s = new Script(scan).afterInit();
        for (int k = 0; k < 4; k++) {
            s.drive(p -> p.allocValid[0] = true).idle(k + 1);
        }
        s.drive(p -> p.allocValid[0] = true).idle(4);
        s.expect(p -> {
            assertEquals(AllocStatus.NONE.code(), p.allocRspStatus[0]);
            assertEquals("0000", Script.flags(p));
        });
        s.run();
    }

    private static void free(swapipc.model.CyclePins p, int port, long ref) {
        p.freeValid[port] = true;
        p.freeRef[port] = ref & 0xFFFF_FFFFL;
    }
}
