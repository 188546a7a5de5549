package dev.chorus.projection.rebuild;

/** Where a run is. The numeric gauge {@code chorus.rebuild.phase} reports {@link #ordinal()}. */
public enum Phase {
    IDLE,
    PREPARING,
    REPLAYING,
    MATERIALIZING_INBOXES,
    INDEXING,
    CATCHING_UP,
    SWITCHING,
    COMPARING,
    REPAIRING,
    DONE,
    FAILED
}
