package dev.chorus.projection.consumer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

/**
 * Projection lag per partition, in records, as this replica sees it after each batch: {@code
 * chorus.projection.lag{topic,partition}}. Kafka's own {@code records-lag} per partition is bound
 * too, but Micrometer only discovers per-partition client metrics on its periodic refresh, so it
 * can be missing for the first minute after an assignment; this gauge is there from the first batch.
 * Gauges of partitions this replica no longer owns are removed, so a sum over replicas stays right.
 */
@Component
class PartitionLag {

    static final String METER = "chorus.projection.lag";

    private final MeterRegistry registry;
    private final Map<TopicPartition, Tracked> tracked = new ConcurrentHashMap<>();

    /** The consumer (of this replica's several) that reported the partition last. */
    private static final class Tracked {
        final AtomicLong lag;
        final Gauge gauge;
        volatile Consumer<?, ?> reporter;

        Tracked(Gauge gauge, AtomicLong lag) {
            this.gauge = gauge;
            this.lag = lag;
        }
    }

    PartitionLag(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Called on the consumer's own thread (KafkaConsumer is not thread-safe). */
    void update(Consumer<?, ?> consumer) {
        Set<TopicPartition> assignment = consumer.assignment();
        for (TopicPartition tp : assignment) {
            consumer.currentLag(tp).ifPresent(lag -> {
                Tracked t = tracked.computeIfAbsent(tp, this::register);
                t.reporter = consumer;
                t.lag.set(lag);
            });
        }
        tracked.entrySet().stream()
                .filter(e -> e.getValue().reporter == consumer && !assignment.contains(e.getKey()))
                .map(Map.Entry::getKey)
                .toList()
                .forEach(tp -> registry.remove(tracked.remove(tp).gauge));
    }

    private Tracked register(TopicPartition tp) {
        AtomicLong lag = new AtomicLong();
        Gauge gauge = Gauge.builder(METER, lag, AtomicLong::get)
                .description("Records of the partition not yet consumed by this replica after its last batch")
                .baseUnit("records")
                .tag("topic", tp.topic())
                .tag("partition", Integer.toString(tp.partition()))
                .register(registry);
        return new Tracked(gauge, lag);
    }
}
