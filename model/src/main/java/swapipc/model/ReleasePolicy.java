package swapipc.model;

/** When the shared buffer of a call is given back to the pool. */
public enum ReleasePolicy {
    /** The receiver's copy engine frees it as soon as the message is in private memory: the seed's method. */
    EARLY,
    /** Prior art: the call's buffer stays allocated until the reply has reached the caller. */
    ON_RETURN
}
