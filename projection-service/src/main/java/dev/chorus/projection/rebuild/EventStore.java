package dev.chorus.projection.rebuild;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.chorus.events.ChatEvent;
import dev.chorus.events.ConversationCreated;
import dev.chorus.events.EventCodec;
import dev.chorus.events.EventEnvelope;
import dev.chorus.events.Member;
import dev.chorus.events.MemberEvent;
import dev.chorus.events.MemberRemoved;
import dev.chorus.events.MembersAdded;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads command-service's event store (see {@link EventStoreLayout}) through its own small,
 * read-only connection pool, and turns rows into exactly the envelopes the Kafka relay publishes.
 */
public class EventStore implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final JdbcTemplate jdbc;

    EventStore(RebuildProperties.EventStore settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("event-store-readonly");
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.username());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(0);
        config.setReadOnly(true);
        // Fail on first use rather than at start-up: the service runs without an event store.
        config.setInitializationFailTimeout(-1);
        this.dataSource = new HikariDataSource(config);
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** The highest position stored (0 for an empty store). */
    public long maxPosition() {
        Long max = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
        return max == null ? 0 : max;
    }

    public long count(long afterPosition, long upToPosition) {
        Long n = jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE global_index > ? AND global_index <= ?",
                Long.class,
                afterPosition,
                upToPosition);
        return n == null ? 0 : n;
    }

    /** Up to {@code limit} events with positions in (after, upTo], in position order. */
    List<EventEnvelope> page(long after, long upTo, int limit) {
        return jdbc.query(
                "SELECT " + EventStoreLayout.COLUMNS + " FROM domain_event_entry"
                        + " WHERE global_index > ? AND global_index <= ? ORDER BY global_index LIMIT ?",
                EventStore::envelope,
                after,
                upTo,
                limit);
    }

    /** The events stored at these positions (holes that have filled since), in position order. */
    List<EventEnvelope> atPositions(Collection<Long> positions) {
        if (positions.isEmpty()) {
            return List.of();
        }
        return jdbc.query(
                "SELECT " + EventStoreLayout.COLUMNS + " FROM domain_event_entry"
                        + " WHERE global_index = ANY (?) ORDER BY global_index",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", positions.toArray())),
                EventStore::envelope);
    }

    /**
     * Every event of one conversation, in position order: its aggregate's events, then the member
     * streams of every user its events ever named ({@code onlyUser} to take just that user's).
     */
    List<EventEnvelope> conversation(UUID conversationId, Long onlyUser) {
        List<EventEnvelope> events = new ArrayList<>(jdbc.query(
                "SELECT " + EventStoreLayout.COLUMNS + " FROM domain_event_entry"
                        + " WHERE aggregate_identifier = ? ORDER BY sequence_number",
                EventStore::envelope,
                conversationId.toString()));
        Set<Long> users = onlyUser != null ? Set.of(onlyUser) : membersNamedIn(events);
        if (!users.isEmpty()) {
            String[] streams = users.stream()
                    .map(u -> EventStoreLayout.memberStream(conversationId, u))
                    .toArray(String[]::new);
            events.addAll(jdbc.query(
                    "SELECT " + EventStoreLayout.COLUMNS + " FROM domain_event_entry"
                            + " WHERE aggregate_identifier = ANY (?)",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("varchar", streams)),
                    EventStore::envelope));
        }
        events.sort(Comparator.comparingLong(EventEnvelope::position));
        return events;
    }

    /**
     * The conversations whose events ever named {@code userId} as a member (created with, added,
     * removed). A scan of the membership events' JSON: they are a small part of the store.
     */
    Set<UUID> conversationsOf(long userId) {
        List<String> ids = jdbc.query(
                """
                SELECT DISTINCT aggregate_identifier FROM domain_event_entry
                 WHERE payload_type = ANY (?)
                   AND (convert_from(payload, 'UTF8')::jsonb @> jsonb_build_object('members',
                            jsonb_build_array(jsonb_build_object('userId', ?::bigint)))
                        OR convert_from(payload, 'UTF8')::jsonb @> jsonb_build_object('userIds',
                            jsonb_build_array(?::bigint))
                        OR convert_from(payload, 'UTF8')::jsonb @> jsonb_build_object('userId', ?::bigint))
                """,
                ps -> {
                    ps.setArray(
                            1,
                            ps.getConnection()
                                    .createArrayOf(
                                            "varchar",
                                            EventStoreLayout.membershipPayloadTypes()
                                                    .toArray()));
                    ps.setLong(2, userId);
                    ps.setLong(3, userId);
                    ps.setLong(4, userId);
                },
                (rs, i) -> rs.getString(1));
        return ids.stream().map(UUID::fromString).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Set<Long> membersNamedIn(List<EventEnvelope> events) {
        Set<Long> users = new LinkedHashSet<>();
        for (EventEnvelope e : events) {
            ChatEvent event = e.payload();
            if (event instanceof ConversationCreated created) {
                created.members().stream().map(Member::userId).forEach(users::add);
            } else if (event instanceof MembersAdded added) {
                users.addAll(added.userIds());
            } else if (event instanceof MemberRemoved removed) {
                users.add(removed.userId());
            }
        }
        return users;
    }

    /** The envelope the relay would publish for this row (same id, position, versions, timestamp). */
    static EventEnvelope envelope(ResultSet rs, int row) throws SQLException {
        long position = rs.getLong("global_index");
        String type = rs.getString("payload_type");
        String revision = rs.getString("payload_revision");
        ChatEvent payload;
        try {
            payload = EventCodec.decodePayload(
                    type, revision == null ? 1 : Integer.parseInt(revision.trim()), rs.getBytes("payload"));
        } catch (RuntimeException e) {
            throw new UnreadableEventException(position, type, revision, e);
        }
        Long aggregateVersion = payload instanceof MemberEvent ? null : rs.getLong("sequence_number");
        return EventEnvelope.of(
                UUID.fromString(rs.getString("event_identifier")),
                position,
                aggregateVersion,
                timestamp(rs.getString("time_stamp")),
                payload);
    }

    /** Axon writes ISO-8601 instants ("...Z"); an offset form is accepted too. */
    private static Instant timestamp(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(text).toInstant();
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /** An event the rebuild cannot decode: it stops rather than silently leave the event out. */
    public static final class UnreadableEventException extends RuntimeException {
        UnreadableEventException(long position, String type, String revision, Throwable cause) {
            super(
                    "Cannot decode the event at global_index " + position + " (payload_type " + type + ", revision "
                            + revision + "): " + cause.getMessage(),
                    cause);
        }
    }
}
