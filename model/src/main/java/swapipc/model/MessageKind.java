package swapipc.model;

/** What a message is: a call, or the reply to one (claim 8). The code is the header's kind bit. */
public enum MessageKind {
    CALL, RETURN;

    public int code() { return ordinal(); }

    public static MessageKind ofCode(int code) {
        if (code < 0 || code > 1) throw new IllegalArgumentException("no message kind has code " + code);
        return values()[code];
    }
}
