package dev.chorus.projection.readmodel;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The projection's own meters (Kafka's per-partition consumer lag comes from the consumer metrics
 * that Spring Boot binds to the same registry: {@code kafka.consumer.fetch.manager.records.lag}).
 */
public class ProjectionMetrics {

    public static final String EVENTS_APPLIED = "chorus.projection.events.applied";
    public static final String EVENTS_DUPLICATE = "chorus.projection.events.duplicate";
    public static final String EVENTS_REJECTED = "chorus.projection.events.rejected";
    public static final String BATCH_SIZE = "chorus.projection.batch.size";
    public static final String BATCH_DURATION = "chorus.projection.batch.duration";
    public static final String FAN_OUT_STATEMENTS = "chorus.projection.fanout.statements";
    public static final String FAN_OUT_ROWS = "chorus.projection.fanout.rows";
    public static final String MEMBER_REFRESH_STATEMENTS = "chorus.projection.inbox.member.refreshes";
    public static final String EVENT_AGE = "chorus.projection.event.age";
    public static final String DEAD_LETTERS = "chorus.projection.dead.letters";
    public static final String BATCH_FAILURES = "chorus.projection.batch.failures";

    private final MeterRegistry registry;
    private final DistributionSummary batchSize;
    private final Timer batchDuration;
    private final Counter fanOutStatements;
    private final Counter fanOutRows;
    private final Counter memberRefreshes;
    private final Timer eventAge;

    public ProjectionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.batchSize = DistributionSummary.builder(BATCH_SIZE)
                .description("Events per consumed batch (one read-model transaction each)")
                .baseUnit("events")
                .serviceLevelObjectives(1, 10, 50, 100, 250, 500, 1000)
                .register(registry);
        this.batchDuration = Timer.builder(BATCH_DURATION)
                .description("Time to apply one batch to the read model, commit included")
                .publishPercentileHistogram()
                .register(registry);
        this.fanOutStatements = Counter.builder(FAN_OUT_STATEMENTS)
                .description("Conversation-wide user_inbox statements (at most one per conversation per batch)")
                .register(registry);
        this.fanOutRows = Counter.builder(FAN_OUT_ROWS)
                .description("user_inbox rows written by fan-out statements")
                .baseUnit("rows")
                .register(registry);
        this.memberRefreshes = Counter.builder(MEMBER_REFRESH_STATEMENTS)
                .description("user_inbox statements for single members (read pointer, hide, mute)")
                .register(registry);
        this.eventAge = Timer.builder(EVENT_AGE)
                .description("From an event's occurredAt to its commit in the read model")
                .publishPercentileHistogram()
                .register(registry);
    }

    void batchApplied(int size, Duration took, ApplyResult result) {
        batchSize.record(size);
        batchDuration.record(took);
        fanOutStatements.increment(result.fanOutStatements());
        fanOutRows.increment(result.fanOutRows());
        memberRefreshes.increment(result.memberRefreshStatements());
    }

    void applied(String type, Duration age) {
        registry.counter(EVENTS_APPLIED, "type", type).increment();
        if (!age.isNegative()) {
            eventAge.record(age);
        }
    }

    void duplicate(String type) {
        registry.counter(EVENTS_DUPLICATE, "type", type).increment();
    }

    void rejected(String type) {
        registry.counter(EVENTS_REJECTED, "type", type).increment();
    }

    /** A batch failed (database unavailable, ...) and will be delivered again after a back-off. */
    public void batchFailed() {
        registry.counter(BATCH_FAILURES).increment();
    }

    /** A record parked on the dead-letter topic; {@code reason} is "undecodable" or "rejected". */
    public void deadLettered(String reason) {
        registry.counter(DEAD_LETTERS, "reason", reason).increment();
    }
}
