package swapipc.sim.board;

/**
 * An 8N1 UART receiver in Java, one call per clock cycle: a falling edge starts a byte, each bit
 * is sampled at its middle, a low stop bit is an error (the board must never send one).
 */
final class UartLine {
    private final int divisor;
    private int last = 1;
    /** Cycles into the byte being received, or -1 while the line idles. */
    private long at = -1;
    private int bits;

    UartLine(int divisor) { this.divisor = divisor; }

    /** Feeds the line's level in one cycle; returns a completed byte, or -1. */
    int sample(int level) {
        int result = -1;
        if (at < 0) {
            if (last == 1 && level == 0) {
                at = 0;
                bits = 0;
            }
        } else {
            long sinceMiddle = ++at - divisor / 2;
            if (sinceMiddle == 0 && level != 0) {
                at = -1; // a glitch, not a start bit
            } else if (sinceMiddle > 0 && sinceMiddle % divisor == 0) {
                long k = sinceMiddle / divisor;
                if (k <= 8) {
                    bits |= level << (k - 1);
                } else {
                    if (level != 1) throw new IllegalStateException(String.format("the board sent a byte (0x%02x) with its stop bit low", bits));
                    result = bits;
                    at = -1;
                }
            }
        }
        last = level;
        return result;
    }
}
