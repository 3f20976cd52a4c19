package swapipc.host;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import swapipc.model.Board;

/** A real serial port (jSerialComm): 8N1 at the board's baud rate; a read waits at most {@code timeoutMillis}. */
public final class SerialTransport implements Transport {
    private final SerialPort port;

    public SerialTransport(String name, int timeoutMillis) {
        try {
            port = SerialPort.getCommPort(name);
        } catch (SerialPortInvalidPortException e) {
            throw new IllegalStateException("no serial port " + name + " (is the board attached? ports here: " + ports() + ")");
        }
        port.setComPortParameters(Board.BAUD, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, timeoutMillis, 0);
        if (!port.openPort()) {
            throw new IllegalStateException("cannot open serial port " + name + " (is the board attached? the iCEBreaker's bridge is the FTDI's second port, "
                + "e.g. /dev/ttyUSB1; ports here: " + ports() + ")");
        }
    }

    private static java.util.List<String> ports() {
        return java.util.Arrays.stream(SerialPort.getCommPorts()).map(SerialPort::getSystemPortPath).toList();
    }

    @Override
    public void write(byte[] bytes) {
        int n = port.writeBytes(bytes, bytes.length);
        if (n != bytes.length) throw new IllegalStateException("serial port " + port.getSystemPortPath() + " took " + n + " of " + bytes.length + " bytes");
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        int n = port.readBytes(one, 1);
        return n == 1 ? one[0] & 0xFF : -1;
    }

    @Override
    public void close() { port.closePort(); }
}
