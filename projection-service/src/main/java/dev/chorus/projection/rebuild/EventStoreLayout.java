package dev.chorus.projection.rebuild;

import dev.chorus.events.ConversationCreated;
import dev.chorus.events.EventTypes;
import dev.chorus.events.MemberRemoved;
import dev.chorus.events.MembersAdded;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * What the rebuild relies on in command-service's event store (its Flyway script
 * {@code V1__axon_event_store.sql} and MemberCommandHandler): Axon's {@code domain_event_entry}, with
 *
 * <ul>
 *   <li>{@code global_index}: the position (the envelope's {@code position}, what the relay sends);
 *   <li>conversation events: {@code aggregate_identifier} = the conversation id, {@code
 *       sequence_number} = the aggregate version;
 *   <li>member events (read pointer, hide, mute): {@code aggregate_identifier} = {@code
 *       member:<conversationId>:<userId>}; their envelope has no aggregate version;
 *   <li>{@code payload}: EventCodec payload JSON; {@code payload_type}: the class name;
 *       {@code payload_revision}: the {@code @EventType} schema version (older ones are upcast).
 * </ul>
 */
final class EventStoreLayout {

    private EventStoreLayout() {}

    static final String COLUMNS =
            "global_index, event_identifier, payload_type, payload_revision, payload, time_stamp, sequence_number";

    static String memberStream(UUID conversationId, long userId) {
        return "member:" + conversationId + ":" + userId;
    }

    /** payload_type values of the events that name a conversation's members: class and wire names. */
    static List<String> membershipPayloadTypes() {
        return Stream.of(ConversationCreated.class, MembersAdded.class, MemberRemoved.class)
                .flatMap(c -> Stream.of(c.getName(), EventTypes.describe(c).name()))
                .toList();
    }
}
