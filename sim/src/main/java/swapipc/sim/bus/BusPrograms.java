package swapipc.sim.bus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * Runs one program per endpoint on a {@link BusSystem} at the same time in simulated time, but
 * one at a time in Java: a program runs until it waits for an access, then hands back; the
 * scheduler steps the clock and resumes, in endpoint order, each program whose access is
 * answered. So the programs interleave cycle by cycle and every run replays exactly.
 */
public final class BusPrograms {
    /** One endpoint's program: what firmware on that endpoint does. */
    public interface Program {
        void run(BusClock clock);
    }

    private final BusSystem sys;
    private final Semaphore back = new Semaphore(0);

    public BusPrograms(BusSystem sys) {
        this.sys = sys;
    }

    private final class Runner implements BusClock {
        final Semaphore go = new Semaphore(0);
        final Thread thread;
        volatile BusAccess waitingFor;
        volatile boolean finished;
        volatile Throwable error;

        Runner(Program program, String name) {
            thread = new Thread(() -> {
                go.acquireUninterruptibly();
                try {
                    program.run(this);
                } catch (Throwable t) {
                    error = t;
                } finally {
                    finished = true;
                    back.release();
                }
            }, name);
            thread.setDaemon(true);
        }

        @Override
        public BusAccess await(BusAccess a) {
            if (a.done()) return a;
            waitingFor = a;
            back.release();
            go.acquireUninterruptibly();
            waitingFor = null;
            return a;
        }

        @Override
        public long cycle() { return sys.cycle(); }

        @Override
        public AssertionError failure(String what) { return sys.failure(what); }

        void turn() {
            go.release();
            back.acquireUninterruptibly();
            if (error instanceof AssertionError e) throw e;
            if (error != null) throw new AssertionError(thread.getName() + " failed: " + error, error);
        }
    }

    /** Runs the programs (program k on endpoint k) until all have returned; more than {@code limit} cycles fails. */
    public void run(List<Program> programs, long limit) {
        List<Runner> runners = new ArrayList<>();
        for (int k = 0; k < programs.size(); k++) runners.add(new Runner(programs.get(k), "endpoint-" + k));
        for (Runner r : runners) r.thread.start();
        for (Runner r : runners) r.turn();
        long start = sys.cycle();
        while (runners.stream().anyMatch(r -> !r.finished)) {
            if (sys.cycle() - start > limit) throw sys.failure("programs not done after " + limit + " cycles");
            sys.step();
            for (Runner r : runners) {
                if (!r.finished && r.waitingFor != null && r.waitingFor.done()) r.turn();
            }
        }
    }
}
