package swapipc.host;

import swapipc.model.Config;
import swapipc.model.IpcModel;
import swapipc.model.Message;
import swapipc.model.MessageKind;
import swapipc.model.SendStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Calls and replies through a board, checked against the reference model: endpoint 0 calls
 * endpoint 1 with seeded random arguments (0 bytes up to a whole buffer), endpoint 1 takes each
 * call and replies with the words reversed. Every message received must be the one the model
 * delivers there, and FREE_COUNT must equal the model's free buffers once each call is done.
 * The same code runs on the simulated board and on a real one.
 */
public final class BoardDemo {
    /** What a run did; {@code mismatches} lists what differed from the model (empty: passed). */
    public record Result(int calls, int replies, long frames, List<String> mismatches) {
        public boolean passed() { return mismatches.isEmpty() && replies == calls; }
    }

    private BoardDemo() {}

    /** Checks the board's IDENT against {@code cfg}, then runs {@code calls} calls from seed {@code seed}. */
    public static Result run(BridgeLink link, Config cfg, int calls, long seed) {
        link.expect(cfg);
        HostDriver client = new HostDriver(link, cfg, 0);
        HostDriver server = new HostDriver(link, cfg, 1);
        IpcModel model = new IpcModel(cfg);
        Random rnd = new Random(seed);
        List<String> mismatches = new ArrayList<>();
        int replies = 0;
        for (int i = 0; i < calls && mismatches.isEmpty(); i++) {
            int length = rnd.nextInt(cfg.maxArgBytes() + 1);
            int[] args = new int[Message.words(length)];
            for (int k = 0; k < args.length; k++) args[k] = rnd.nextInt();
            Message call = new Message(0, 1, MessageKind.CALL, rnd.nextInt(16), i & 0xFF, args.length, length, args);
            if (!sent(client.send(call, true), model, call, mismatches)) break;
            Message got = server.receive(1000);
            if (!received(got, model.deliver(1, 0), "call " + i, mismatches)) break;
            int[] back = new int[args.length];
            for (int k = 0; k < args.length; k++) back[k] = ~args[args.length - 1 - k];
            Message reply = new Message(1, 0, MessageKind.RETURN, got.opcode(), got.tag(), back.length, length, back);
            if (!sent(server.send(reply, true), model, reply, mismatches)) break;
            if (!received(client.receive(1000), model.deliver(0, 1), "reply " + i, mismatches)) break;
            replies++;
            int free = client.get(client.map().FREE_COUNT);
            int expected = cfg.buffers() - model.allocated();
            if (free != expected) mismatches.add("after call " + i + ": FREE_COUNT " + free + ", model " + expected);
        }
        return new Result(calls, replies, link.frames(), mismatches);
    }

    private static boolean sent(SendStatus s, IpcModel model, Message m, List<String> mismatches) {
        SendStatus expected = model.admit(m);
        if (s != expected) {
            mismatches.add(m + ": send answered " + s + ", model " + expected);
            return false;
        }
        model.send(m);
        return true;
    }

    private static boolean received(Message got, Message expected, String what, List<String> mismatches) {
        if (got == null) {
            mismatches.add(what + ": nothing arrived, model expects " + expected);
            return false;
        }
        if (!got.sameContent(expected)) {
            mismatches.add(what + ": received " + got + ", model expects " + expected);
            return false;
        }
        return true;
    }
}
