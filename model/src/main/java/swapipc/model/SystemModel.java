package swapipc.model;

import java.util.HashMap;
import java.util.Map;

/**
 * The three-party protocol at transaction level (claims 1-2): what the clients and servers of an
 * IpcSystem may see. A call from client c with tag t reaches server {@code opcode mod servers}
 * exactly once, from the kernel, on a thread of that server no other call holds, with its header
 * and arguments intact; the server's reply on that thread reaches client c exactly once, from
 * the kernel, with tag t and the reply's content. Calls are told apart by their first argument
 * word, which the test bench makes unique. Every violation is an IllegalStateException that says
 * what was expected.
 */
public final class SystemModel {
    private record Call(int client, Message message) {}

    private final SystemConfig sys;
    private final Map<Integer, Call> pending = new HashMap<>();
    /** Per server: the call each thread executes, or null. */
    private final Call[][] threads;
    /** Per client: replies the kernel owes it, by tag. */
    private final Map<Integer, Message>[] owed;
    private long callsDelivered;
    private long repliesDelivered;

    @SuppressWarnings("unchecked")
    public SystemModel(SystemConfig sys) {
        this.sys = sys;
        this.threads = new Call[sys.servers()][sys.threads()];
        this.owed = new Map[sys.clients()];
        for (int c = 0; c < sys.clients(); c++) owed[c] = new HashMap<>();
    }

    /** The kernel's endpoint number in the client pool (the source of every reply a client sees). */
    public int kernelOnClientPool() { return sys.clients(); }

    /** The kernel's endpoint number in the server pool (the source of every call a server sees). */
    public int kernelOnServerPool() { return sys.servers(); }

    /** Client {@code c} sent a call (its first argument word is its serial number). */
    public void called(int c, Message m) {
        if (m.kind() != MessageKind.CALL || m.args().length == 0) throw new IllegalArgumentException("not a numbered call: " + m);
        if (pending.put(m.args()[0], new Call(c, m)) != null) throw new IllegalArgumentException("call serial reused: " + m);
    }

    /** Server {@code s} received {@code got}: must be a pending call for s, on a free thread, intact. */
    public void serverReceived(int s, Message got) {
        if (got.kind() != MessageKind.CALL) throw new IllegalStateException("server " + s + " received a " + got.kind() + ": " + got);
        if (got.src() != kernelOnServerPool()) {
            throw new IllegalStateException("server " + s + " received a call from endpoint " + got.src() + ", not the kernel: " + got);
        }
        Call call = got.args().length == 0 ? null : pending.remove(got.args()[0]);
        if (call == null) throw new IllegalStateException("server " + s + " received a call nobody made (or a second time): " + got);
        Message sent = call.message();
        int expected = sys.serverOf(sent.opcode());
        if (expected != s) throw new IllegalStateException("call for server " + expected + " reached server " + s + ": " + got);
        if (sent.opcode() != got.opcode() || sent.argc() != got.argc() || sent.length() != got.length()
            || !java.util.Arrays.equals(sent.args(), got.args())) {
            throw new IllegalStateException("server " + s + " received " + got + ", client " + call.client() + " sent " + sent);
        }
        if (got.tag() >= sys.threads()) throw new IllegalStateException("server " + s + ": tag " + got.tag() + " is no thread: " + got);
        if (threads[s][got.tag()] != null) {
            throw new IllegalStateException("server " + s + ": thread " + got.tag() + " got a call while executing another: " + got);
        }
        threads[s][got.tag()] = call;
        callsDelivered++;
    }

    /** Server {@code s} answers the call on thread {@code t} with {@code reply}; returns the client that must get it. */
    public int serverReplied(int s, int t, Message reply) {
        Call call = threads[s][t];
        if (call == null) throw new IllegalStateException("server " + s + " replied on thread " + t + ", which runs no call");
        threads[s][t] = null;
        owed[call.client()].put(call.message().tag(), reply);
        return call.client();
    }

    /** Client {@code c} received {@code got}: must be the reply owed for its tag, from the kernel, intact. */
    public void clientReceived(int c, Message got) {
        if (got.kind() != MessageKind.RETURN) throw new IllegalStateException("client " + c + " received a " + got.kind() + ": " + got);
        if (got.src() != kernelOnClientPool()) {
            throw new IllegalStateException("client " + c + " received a reply from endpoint " + got.src() + ", not the kernel: " + got);
        }
        Message reply = owed[c].remove(got.tag());
        if (reply == null) throw new IllegalStateException("client " + c + " received a reply for tag " + got.tag() + " it is not owed: " + got);
        if (reply.opcode() != got.opcode() || reply.argc() != got.argc() || reply.length() != got.length()
            || !java.util.Arrays.equals(reply.args(), got.args())) {
            throw new IllegalStateException("client " + c + " received " + got + ", the server replied " + reply);
        }
        repliesDelivered++;
    }

    /** Calls not yet answered to their client (sent, executing, or reply on its way). */
    public int inFlight() {
        int n = pending.size();
        for (Call[] s : threads) for (Call t : s) if (t != null) n++;
        for (Map<Integer, Message> m : owed) n += m.size();
        return n;
    }

    public long callsDelivered() { return callsDelivered; }

    public long repliesDelivered() { return repliesDelivered; }
}
