package dev.chorus.projection.rebuild;

/** What a rebuild run does. */
public enum Operation {
    /** Every projection into a fresh schema, catch up, switch reads over. */
    FULL_REBUILD,
    /** Recompute from the events into a scratch schema and compare with the live read model. */
    VERIFY,
    /** Replace one conversation's rows in place. */
    REBUILD_CONVERSATION,
    /** Replace one user's membership, hidden-message and inbox rows in place. */
    REBUILD_USER
}
