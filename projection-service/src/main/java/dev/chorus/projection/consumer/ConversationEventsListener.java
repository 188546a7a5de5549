package dev.chorus.projection.consumer;

import dev.chorus.events.EventCodec;
import dev.chorus.events.EventEnvelope;
import dev.chorus.projection.readmodel.ApplyResult;
import dev.chorus.projection.readmodel.Projector;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Thin: decodes a consumed batch and hands it to the {@link Projector}. The container commits the
 * batch's offsets only after this method returns, i.e. after the read-model transaction committed
 * and every unusable record was parked; a crash in between redelivers the batch, which the
 * projector applies as a no-op.
 */
@Component
class ConversationEventsListener {

    static final String ID = "conversation-events-projection";

    private final Projector projector;
    private final DeadLetters deadLetters;
    private final PartitionLag lag;

    ConversationEventsListener(Projector projector, DeadLetters deadLetters, PartitionLag lag) {
        this.projector = projector;
        this.deadLetters = deadLetters;
        this.lag = lag;
    }

    @KafkaListener(
            id = ID,
            topics = "${chorus.kafka.topic}",
            groupId = "${chorus.projection.group-id}",
            concurrency = "${chorus.projection.concurrency}",
            properties = "max.poll.records:${chorus.projection.max-poll-records}",
            batch = "true")
    void onBatch(List<ConsumerRecord<String, byte[]>> records, Consumer<?, ?> consumer) {
        List<EventEnvelope> events = new ArrayList<>(records.size());
        // Identity, not equality: a batch may hold the same event twice.
        Map<EventEnvelope, ConsumerRecord<String, byte[]>> sources = new IdentityHashMap<>();
        List<DeadLetters.DeadLetter> unusable = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                EventEnvelope event = EventCodec.decode(record.value());
                events.add(event);
                sources.put(event, record);
            } catch (RuntimeException e) {
                unusable.add(new DeadLetters.DeadLetter(record, new UndecodableEventException(e)));
            }
        }
        ApplyResult result = projector.apply(events);
        result.rejected()
                .forEach(r -> unusable.add(
                        new DeadLetters.DeadLetter(sources.get(r.envelope()), new RejectedEventException(r.reason()))));
        deadLetters.park(unusable);
        lag.update(consumer);
    }
}
