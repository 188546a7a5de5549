package dev.chorus.projection.rebuild;

import dev.chorus.events.ChatEvent;
import dev.chorus.events.EventCodec;
import dev.chorus.events.EventEnvelope;
import dev.chorus.events.EventTypes;
import dev.chorus.events.MemberEvent;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Appends events to a database migrated with command-service's own event-store script, in the
 * layout command-service writes (see EventStoreLayout), and returns the envelopes its Kafka relay
 * would publish for them.
 */
final class EventStoreWriter {

    /** An event before it is stored: the aggregate version for conversation events, null for member events. */
    record Pending(ChatEvent event, Long aggregateVersion) {}

    private final JdbcTemplate jdbc;

    EventStoreWriter(String url, String username, String password) {
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(url, username, password, true);
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Runs command-service's event-store migration and starts positions far above any test's own. */
    EventStoreWriter migrated() {
        Flyway.configure()
                .dataSource(jdbc.getDataSource())
                .locations("classpath:db/migration/command")
                .load()
                .migrate();
        jdbc.queryForObject(
                "SELECT setval('domain_event_entry_global_index_seq',"
                        + " greatest(10000000, (SELECT coalesce(max(global_index), 0) FROM domain_event_entry)))",
                Long.class);
        return this;
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }

    synchronized List<EventEnvelope> append(List<Pending> events) {
        List<EventEnvelope> stored = new ArrayList<>(events.size());
        for (Pending p : events) {
            stored.add(append(
                    p.event(),
                    p.aggregateVersion(),
                    EventTypes.describe(p.event().getClass()).version(),
                    EventCodec.encodePayload(p.event())));
        }
        return stored;
    }

    /** Stores a payload as given (e.g. an old schema version) and returns the envelope of the decoded event. */
    synchronized EventEnvelope append(ChatEvent event, Long aggregateVersion, int revision, byte[] payload) {
        UUID eventId = UUID.randomUUID();
        boolean member = event instanceof MemberEvent;
        String aggregate = member
                ? EventStoreLayout.memberStream(event.conversationId(), ((MemberEvent) event).userId())
                : event.conversationId().toString();
        long sequence = member ? ((MemberEvent) event).memberVersion() - 1 : aggregateVersion;
        java.time.Instant at = java.time.Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Long position = jdbc.queryForObject(
                """
                INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier, meta_data,
                                                payload, payload_revision, payload_type, time_stamp)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING global_index
                """,
                Long.class,
                aggregate,
                sequence,
                member ? "ConversationMember" : "Conversation",
                eventId.toString(),
                "{}".getBytes(StandardCharsets.UTF_8),
                payload,
                Integer.toString(revision),
                event.getClass().getName(),
                at.toString());
        return EventEnvelope.of(eventId, position, member ? null : aggregateVersion, at, event);
    }
}
