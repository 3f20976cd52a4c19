package swapipc.host;

import swapipc.model.BridgeProtocol.Response;
import swapipc.model.BridgeStatus;

/** The bridge answered a frame with something other than OK, or did not answer at all. */
public final class BridgeException extends RuntimeException {
    /** Null when no answer came. */
    public final Response response;

    public BridgeException(String what, Response response) {
        super(what);
        this.response = response;
    }

    public BridgeStatus status() { return response == null ? null : response.status(); }
}
