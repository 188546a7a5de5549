package dev.chorus.projection.consumer;

import dev.chorus.projection.readmodel.ProjectionMetrics;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.stereotype.Component;

/**
 * Parks records the projection cannot use on {@code <topic>.DLT}, with spring-kafka's standard
 * headers (original topic, partition, offset, exception), so the partition keeps flowing and
 * nothing is lost silently. Publishing waits for the broker's acknowledgement and throws if it
 * fails; the listener then fails and the batch is redelivered.
 */
@Component
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    record DeadLetter(ConsumerRecord<?, ?> record, RuntimeException reason) {}

    private final DeadLetterPublishingRecoverer publisher;
    private final ProjectionMetrics metrics;

    DeadLetters(KafkaOperations<?, ?> kafka, ProjectionMetrics metrics) {
        // Partition -1: the producer partitions by key, so the DLT may have any number of partitions.
        this.publisher = new DeadLetterPublishingRecoverer(
                kafka, (record, e) -> new TopicPartition(record.topic() + ".DLT", -1));
        this.publisher.setFailIfSendResultIsError(true);
        this.metrics = metrics;
    }

    void park(List<DeadLetter> deadLetters) {
        for (DeadLetter d : deadLetters) {
            log.error(
                    "Parking {}-{}@{} on the dead-letter topic: {}",
                    d.record().topic(),
                    d.record().partition(),
                    d.record().offset(),
                    d.reason().getMessage());
            publisher.accept(d.record(), null, d.reason());
            metrics.deadLettered(d.reason() instanceof UndecodableEventException ? "undecodable" : "rejected");
        }
    }
}
