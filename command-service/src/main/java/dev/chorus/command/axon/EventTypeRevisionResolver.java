package dev.chorus.command.axon;

import dev.chorus.events.EventType;
import org.axonframework.serialization.RevisionResolver;

/**
 * Stores the shared-events schema version ({@link EventType#version()}) as Axon's payload revision,
 * so {@code domain_event_entry.payload_revision} says which schema a stored payload follows.
 */
public final class EventTypeRevisionResolver implements RevisionResolver {

    @Override
    public String revisionOf(Class<?> payloadType) {
        EventType type = payloadType.getAnnotation(EventType.class);
        return type == null ? null : Integer.toString(type.version());
    }
}
