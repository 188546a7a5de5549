package dev.chorus.events;

import java.time.Instant;
import java.util.UUID;

/**
 * One event as it travels on Kafka.
 *
 * @param eventId unique per event; duplicates from at-least-once delivery share it
 * @param type the payload's {@link EventType#name()}
 * @param schemaVersion the payload's schema version as written (after upcasting: the current one)
 * @param conversationId the Kafka key
 * @param position the event's global index in the event store; increases with commit order
 * @param aggregateVersion the conversation aggregate's sequence number for conversation events,
 *     null for {@link MemberEvent}s (they carry {@link MemberEvent#memberVersion()} instead)
 * @param occurredAt when the event was stored
 * @param payload the event
 */
public record EventEnvelope(
        UUID eventId,
        String type,
        int schemaVersion,
        UUID conversationId,
        long position,
        Long aggregateVersion,
        Instant occurredAt,
        ChatEvent payload) {

    public static EventEnvelope of(
            UUID eventId, long position, Long aggregateVersion, Instant occurredAt, ChatEvent payload) {
        EventTypes.Descriptor d = EventTypes.describe(payload.getClass());
        return new EventEnvelope(
                eventId,
                d.name(),
                d.version(),
                payload.conversationId(),
                position,
                aggregateVersion,
                occurredAt,
                payload);
    }
}
