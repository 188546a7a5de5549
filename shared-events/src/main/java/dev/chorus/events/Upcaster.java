package dev.chorus.events;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Rewrites one event type's JSON payload from {@link #fromVersion()} to {@code fromVersion() + 1}. */
public interface Upcaster {
    String type();

    int fromVersion();

    ObjectNode upcast(ObjectNode payload);
}
