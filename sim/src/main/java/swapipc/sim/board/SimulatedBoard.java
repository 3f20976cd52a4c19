package swapipc.sim.board;

import swapipc.host.Transport;
import swapipc.model.Board;
import swapipc.sim.Designs;
import swapipc.sim.bridge.Simulation;
import swapipc.sim.bridge.VerilatedModel;

import java.nio.file.Path;
import java.util.ArrayDeque;

/**
 * The Verilated BoardCore behind a {@link Transport}: bytes become UART bit levels on `io_rxd`
 * at the board's own divisor, and `io_txd` is decoded bit by bit (start edge, middle of each
 * bit, stop bit checked). The line runs in batches of cycles, one JNI crossing per batch.
 */
public final class SimulatedBoard implements Transport {
    private static final int CHUNK = 4096;

    private final Simulation sim;
    private final Simulation.Batch batch;
    private final int divisor;
    private final long readTimeout;
    private final int[] in = new int[CHUNK];
    private final int[] out = new int[CHUNK * 2];
    private final ArrayDeque<Integer> received = new ArrayDeque<>();
    private final UartLine decoder;
    private long cycle;
    private int led;

    /** {@code readTimeoutCycles}: how long {@link #read} waits for a byte before it answers -1. */
    public SimulatedBoard(Board board, long readTimeoutCycles, Path trace) {
        this.divisor = board.baudDivisor();
        this.readTimeout = readTimeoutCycles;
        this.sim = VerilatedModel.of(Designs.board(board), trace != null).instantiate(trace);
        this.batch = sim.batch(new int[] {sim.id("io_rxd")}, new int[] {sim.id("io_txd"), sim.id("io_led")});
        this.decoder = new UartLine(divisor);
        sim.poke(sim.id("io_rxd"), 1);
        sim.reset(4);
    }

    /** Cycles run since reset. */
    public long cycle() { return cycle; }

    /** The LEDs as BoardCore drives them (active high): bit 0 initDone, 1 error, 2 + k endpoint k's irq. */
    public int leds() { return led; }

    @Override
    public void write(byte[] bytes) {
        for (byte b : bytes) sendByte(b & 0xFF, true);
    }

    /** One byte whose stop bit is low (a framing error on the line), then a bit of idle line. */
    public void writeBadStop(int b) {
        sendByte(b, false);
    }

    /** Lets the line idle for {@code bits} bit times. */
    public void idle(int bits) {
        runLevel(1, (long) bits * divisor);
    }

    @Override
    public int read() {
        long start = cycle;
        while (received.isEmpty()) {
            if (cycle - start > readTimeout) return -1;
            runLevel(1, CHUNK);
        }
        return received.poll();
    }

    private void sendByte(int b, boolean stop) {
        runLevel(0, divisor);
        for (int k = 0; k < 8; k++) runLevel(b >> k & 1, divisor);
        runLevel(stop ? 1 : 0, divisor);
        if (!stop) runLevel(1, divisor);
    }

    /** Holds `io_rxd` at {@code level} for {@code cycles} cycles, decoding `io_txd` as it goes. */
    private void runLevel(int level, long cycles) {
        while (cycles > 0) {
            int n = (int) Math.min(CHUNK, cycles);
            java.util.Arrays.fill(in, 0, n, level);
            batch.run(in, out, n);
            for (int i = 0; i < n; i++) {
                int b = decoder.sample(out[2 * i]);
                if (b >= 0) received.add(b);
            }
            led = out[2 * n - 1];
            cycle += n;
            cycles -= n;
        }
    }

    @Override
    public void close() {
        batch.close();
        sim.close();
    }
}
