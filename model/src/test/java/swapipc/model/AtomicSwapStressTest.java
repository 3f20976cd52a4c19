package swapipc.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Many threads allocate and free on one model at once. Each grant is recorded in an owner table
 * with a CAS, so a buffer granted to two threads at the same time is caught on the spot; at the
 * end the free flags plus the buffers still held must add up to n.
 */
class AtomicSwapStressTest {
    private static final int THREADS = 8;
    private static final int OPS = 200_000;

    @Test
    void noBufferIsGrantedTwiceAndNoneIsLost() throws InterruptedException {
        for (AllocPolicy policy : AllocPolicy.values()) {
            run(Config.DEFAULT.withAllocPolicy(policy));
        }
    }

    private void run(Config cfg) throws InterruptedException {
        ControlArea area = new ControlArea(cfg);
        AtomicIntegerArray owner = new AtomicIntegerArray(cfg.buffers());
        for (int i = 0; i < cfg.buffers(); i++) owner.set(i, -1);
        AtomicReference<String> failure = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        int[] held = new int[THREADS];
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            final int me = t;
            threads.add(new Thread(() -> {
                SplittableRandom rnd = new SplittableRandom(me);
                List<Integer> mine = new ArrayList<>();
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int op = 0; op < OPS && failure.get() == null; op++) {
                    if (mine.isEmpty() || (mine.size() < 8 && rnd.nextBoolean())) {
                        ControlArea.Allocation a = area.allocate(1);
                        if (a.status() != AllocStatus.OK) continue;
                        if (!owner.compareAndSet(a.index(), -1, me)) {
                            failure.set("buffer " + a.index() + " granted to thread " + me + " while thread "
                                + owner.get(a.index()) + " holds it (" + cfg.allocPolicy() + ")");
                        }
                        mine.add(a.index());
                    } else {
                        int index = mine.remove(rnd.nextInt(mine.size()));
                        owner.set(index, -1);
                        FreeStatus s = area.free(cfg.ref(index));
                        if (s != FreeStatus.OK) failure.set("free of held buffer " + index + " answered " + s);
                    }
                }
                held[me] = mine.size();
            }));
        }
        threads.forEach(Thread::start);
        start.countDown();
        for (Thread t : threads) t.join();
        assertNull(failure.get());
        int stillHeld = 0;
        for (int h : held) stillHeld += h;
        assertEquals(cfg.buffers(), area.freeCount() + stillHeld, "free + allocated = n");
        assertEquals(0, area.errors(ErrorKind.DOUBLE_FREE));
    }
}
