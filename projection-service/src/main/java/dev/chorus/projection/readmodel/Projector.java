package dev.chorus.projection.readmodel;

import dev.chorus.events.EventEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Owns the read model's SQL. {@link #apply} takes events in stream order (a Kafka batch, or a page
 * replayed from the event store) and applies them in one transaction. The result depends only on
 * the events and the rows, so applying any batch twice, or a suffix of it again, changes nothing.
 *
 * <p>Per conversation, conversation-aggregate events are applied strictly in aggregate order:
 * {@code aggregateVersion} at or below the stored {@code conversation.aggregate_version} is a
 * duplicate and skipped; a seq that does not follow the stored {@code last_seq} is a gap and the
 * event is rejected (with every later event of that conversation in the batch) for the caller to
 * park. Member events (read pointer, hide, mute) commute and are always applied.
 */
public class Projector {

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ProjectionMetrics metrics;
    private final ProjectorSettings settings;

    public Projector(
            NamedParameterJdbcTemplate jdbc,
            TransactionTemplate transaction,
            ProjectionMetrics metrics,
            ProjectorSettings settings) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.metrics = metrics;
        this.settings = settings;
    }

    public ProjectorSettings settings() {
        return settings;
    }

    /** Applies {@code events} (in stream order) in one transaction and returns what happened. */
    public ApplyResult apply(List<EventEnvelope> events) {
        if (events.isEmpty()) {
            return ApplyResult.NOTHING;
        }
        long started = System.nanoTime();
        BatchApplier applier = new BatchApplier(jdbc, settings.largeGroupThreshold(), settings.fanOutDeferred());
        ApplyResult result = transaction.execute(status -> {
            settings.schema().ifPresent(this::useSchema);
            return applier.run(events);
        });
        // Counted after the commit: a rolled-back batch is retried and must not be counted twice.
        metrics.batchApplied(events.size(), Duration.ofNanos(System.nanoTime() - started), result);
        Instant committed = Instant.now();
        applier.applied.forEach(e -> metrics.applied(e.type(), Duration.between(e.occurredAt(), committed)));
        applier.duplicates.forEach(e -> metrics.duplicate(e.type()));
        result.rejected().forEach(r -> metrics.rejected(r.envelope().type()));
        return result;
    }

    /**
     * Recomputes every user_inbox row of the schema from the formula view, in one transaction (the
     * end of a bulk replay with {@link ProjectorSettings#fanOutDeferred()}); returns the rows written.
     */
    public long materializeInboxes() {
        Map<String, Integer> threshold = Map.of("largeGroupThreshold", settings.largeGroupThreshold());
        Long rows = transaction.execute(status -> {
            settings.schema().ifPresent(this::useSchema);
            jdbc.update(ReadModelSql.MARK_ALL_FAN_OUT_MODES, threshold);
            return (long) jdbc.update(ReadModelSql.DELETE_INBOX_ROWS_WITHOUT_ENTRY, threshold)
                    + jdbc.update(ReadModelSql.MATERIALIZE_INBOXES, threshold);
        });
        return rows == null ? 0 : rows;
    }

    /** Points this transaction's unqualified table names at another schema (rebuilds). */
    private void useSchema(String schema) {
        jdbc.getJdbcTemplate().query("SELECT set_config('search_path', ?, true)", rs -> {}, schema);
    }
}
