package swapipc.sim;

import org.junit.jupiter.api.Test;
import swapipc.model.Config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cycle counts of the message path (exact and repeatable: simulated cycles, not wall-clock time). */
class IpcPerformanceTest {
    @Test
    void callAndReplyWithinTwentyPercentOfTheCopyBound() {
        IpcBench.Latency l = IpcBench.callAndReply(Config.DEFAULT, 64);
        System.out.printf("64-byte call + 64-byte reply: %d cycles, lower bound %d, ratio %.3f%n", l.cycles(), l.lowerBound(), l.ratio());
        assertTrue(l.ratio() <= 1.2, l.toString());
    }

    @Test
    void copyEngineMovesOneWordPerCycle() {
        IpcBench.CopyRate c = IpcBench.copyRate(Config.DEFAULT);
        System.out.printf("copy: %d words in %d cycles, %d words in %d cycles: %.3f words/cycle, %d cycles overhead%n",
            c.shortWords(), c.shortCycles(), c.longWords(), c.longCycles(), c.wordsPerCycle(), c.overhead());
        assertEquals(1.0, c.wordsPerCycle(), 1e-9, c.toString());
    }

    @Test
    void earlyReleaseNeedsFewerBuffersThanOnReturn() {
        IpcBench.Occupancy o = IpcBench.occupancy(Config.DEFAULT.withBuffers(64), 16, 1, 60_000);
        System.out.printf("16 calls in flight: peak EARLY %d, ON_RETURN %d (mean %.1f, %.1f)%n", o.early().peakOccupancy(),
            o.onReturn().peakOccupancy(), o.early().meanOccupancy(), o.onReturn().meanOccupancy());
        assertTrue(o.early().peakOccupancy() < o.onReturn().peakOccupancy(), o.toString());
    }
}
