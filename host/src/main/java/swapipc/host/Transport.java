package swapipc.host;

/** A byte link to a board's UART bridge: a serial port, or the simulated board's UART pins. */
public interface Transport extends AutoCloseable {
    void write(byte[] bytes);

    /** The next byte from the board (0..255), or -1 when none came within the transport's timeout. */
    int read();

    @Override
    void close();
}
