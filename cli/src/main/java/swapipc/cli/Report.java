package swapipc.cli;

import swapipc.model.AllocStatus;
import swapipc.model.FreeStatus;
import swapipc.sim.Lockstep;

/** The short summary a lockstep run prints. */
final class Report {
    private Report() {}

    static void print(Lockstep.Result r) {
        System.out.println("parameters:  " + r.config().toMap());
        System.out.printf("cycles:      %,d (seed %d)%n", r.cycles(), r.seed());
        System.out.printf("allocations: %,d OK, %,d NONE (pool exhausted), %,d ERROR (oversize)%n",
            r.allocs()[AllocStatus.OK.code()], r.allocs()[AllocStatus.NONE.code()], r.allocs()[AllocStatus.ERROR.code()]);
        System.out.printf("frees:       %,d OK, %,d INVALID_REF, %,d DOUBLE_FREE%n",
            r.frees()[FreeStatus.OK.code()], r.frees()[FreeStatus.INVALID_REF.code()],
            r.frees()[FreeStatus.DOUBLE_FREE.code()]);
        System.out.printf("errors:      %,d bad requests refused, flags unchanged; %d resets, %d reinits%n", r.errors(),
            r.resets(), r.reinits());
        System.out.printf("peak use:    %d of %d buffers%n", r.peakAllocated(), r.config().buffers());
        System.out.printf("mismatches:  %d (RTL vs model, every output, every cycle)%n", r.mismatches());
        System.out.printf("sim speed:   %.2f M cycles/s (Verilator through batched JNI)%n", r.cycles() / r.rtlSeconds() / 1e6);
        if (r.firstMismatch() != null) System.out.println("FIRST MISMATCH at " + r.firstMismatch());
    }
}
