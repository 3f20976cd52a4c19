package swapipc.model;

import java.util.Arrays;

/**
 * One message as its sender states it: header fields and argument words. {@code args} holds
 * ceil(length / 4) words; the last word travels whole, so its bytes beyond {@code length} arrive
 * as sent.
 */
public record Message(int src, int dst, MessageKind kind, int opcode, int tag, int argc, int length, int[] args) {
    public Message {
        args = args.clone();
        if (args.length != words(length)) {
            throw new IllegalArgumentException("a " + length + "-byte message has " + words(length) + " words, got " + args.length);
        }
    }

    /** Argument words of a {@code length}-byte message. */
    public static int words(int length) {
        return (length + 3) / 4;
    }

    /** Header and arguments, as they must read back at the receiver (source filled in by the hardware). */
    public boolean sameContent(Message o) {
        return src == o.src && dst == o.dst && kind == o.kind && opcode == o.opcode && tag == o.tag && argc == o.argc
            && length == o.length && Arrays.equals(args, o.args);
    }

    @Override
    public String toString() {
        return String.format("%s %d->%d op=%d tag=%d argc=%d len=%d args=%s", kind, src, dst, opcode, tag, argc, length,
            Arrays.toString(args));
    }
}
