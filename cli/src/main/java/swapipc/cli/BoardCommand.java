package swapipc.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import swapipc.host.BoardDemo;
import swapipc.host.BridgeException;
import swapipc.host.BridgeLink;
import swapipc.host.SerialTransport;
import swapipc.host.Transport;
import swapipc.model.BridgeProtocol;
import swapipc.model.Board;
import swapipc.sim.board.SimulatedBoard;

import java.util.concurrent.Callable;

@Command(name = "board", mixinStandardHelpOptions = true,
    description = "Talk to a board's UART bridge from this PC: a real board on a serial port (--port), or the Verilated "
        + "board core behind a bit-level simulated UART at the board's own baud divisor (--sim). Actions: ident (what the "
        + "board is), demo (calls and replies between endpoints 0 and 1, checked against the reference model).")
final class BoardCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "ident or demo.")
    String action;

    @Option(names = "--board", defaultValue = "icebreaker", description = "icebreaker or hx8k (default ${DEFAULT-VALUE}): the configuration the host expects.")
    String board;

    @Option(names = "--port", description = "Serial port of the board's bridge, e.g. /dev/ttyUSB1 (the iCEBreaker's FTDI channel B).")
    String port;

    @Option(names = "--sim", description = "Run against the simulated board instead of a real one.")
    boolean sim;

    @Option(names = "--calls", defaultValue = "16", description = "demo: calls to make (default ${DEFAULT-VALUE}).")
    int calls;

    @Option(names = "--seed", defaultValue = "1", description = "demo: seed of the argument lengths and words (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        Board b = Board.of(board);
        if (sim == (port != null)) throw new IllegalArgumentException("give --sim or --port DEVICE, not " + (sim ? "both" : "neither"));
        if (!action.equals("ident") && !action.equals("demo")) throw new IllegalArgumentException("unknown action '" + action + "': ident or demo");
        if (calls < 1) throw new IllegalArgumentException("--calls must be at least 1, got " + calls);
        Transport t;
        try {
            t = sim ? new SimulatedBoard(b, 4_000_000, null) : new SerialTransport(port, 500);
        } catch (IllegalStateException e) {
            System.err.println("swapipc board: " + e.getMessage());
            return 1;
        }
        String where = sim ? "simulated " + b.name + " (" + b.baudDivisor() + " cycles per bit)" : b.name + " on " + port;
        try (BridgeLink link = new BridgeLink(t)) {
            if (action.equals("ident")) {
                int[] id = link.ident();
                System.out.printf("%s: %s, protocol %d, %d endpoints, %d buffers of %d bytes, %.1f MHz, fingerprint %08x (%s)%n", where,
                    id[0] == BridgeProtocol.MAGIC ? "swapipc" : String.format("unknown magic %08x", id[0]), id[1] >>> 24, id[1] >>> 16 & 0xFF,
                    id[2] >>> 16, id[2] & 0xFFFF, id[3] / 1e6, id[4], id[4] == BridgeProtocol.fingerprint(b.config()) ? "matches " + b.name : "NOT the " + b.name + " configuration");
                return id[0] == BridgeProtocol.MAGIC ? 0 : 1;
            }
            long start = System.nanoTime();
            BoardDemo.Result r = BoardDemo.run(link, b.config(), calls, seed);
            double s = (System.nanoTime() - start) / 1e9;
            System.out.printf("board demo on the %s: %d calls + replies through the UART bridge, %d frames, mismatches against the model %d, %.1f s%s%n",
                where, r.replies(), r.frames(), r.mismatches().size(), s,
                t instanceof SimulatedBoard sb ? String.format(", %,d board cycles (%.2f s of board time)", sb.cycle(), sb.cycle() / (double) b.clockHz()) : "");
            r.mismatches().forEach(m -> System.err.println("swapipc board: " + m));
            if (!r.passed()) System.err.println("replay: ./swapipc board " + (sim ? "--sim" : "--port " + port) + " --board " + b.name + " demo --calls " + calls + " --seed " + seed);
            return r.passed() ? 0 : 1;
        } catch (BridgeException e) {
            System.err.println("swapipc board: " + e.getMessage());
            return 1;
        }
    }
}
