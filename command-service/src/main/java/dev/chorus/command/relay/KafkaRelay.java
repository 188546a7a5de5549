package dev.chorus.command.relay;

import dev.chorus.events.ChatEvent;
import dev.chorus.events.EventCodec;
import dev.chorus.events.EventEnvelope;
import dev.chorus.events.MemberEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Publishes every stored event to Kafka, at least once: the event store is the outbox. Runs in the
 * tracking processor {@value #PROCESSOR} (one segment, so one instance relays in event-store order).
 * A batch is sent asynchronously and all acknowledgements are awaited before the processor's token
 * commits; a failure rolls the batch back and the processor retries it (propagating error handler),
 * so an event is never skipped, though it may be published twice. Key: the conversation id, so a
 * conversation's events stay in one partition, in order.
 */
@Component
@ProcessingGroup(KafkaRelay.PROCESSOR)
public class KafkaRelay {

    public static final String PROCESSOR = "kafka-relay";

    private static final String PENDING = KafkaRelay.class.getName() + ".pending";

    private final KafkaTemplate<String, byte[]> kafka;
    private final RelayProperties properties;
    private final Counter published;

    public KafkaRelay(KafkaTemplate<String, byte[]> kafka, RelayProperties properties, MeterRegistry meters) {
        this.kafka = kafka;
        this.properties = properties;
        this.published = Counter.builder("chorus.relay.published")
                .description("Events acknowledged by Kafka (duplicates after retries included)")
                .register(meters);
    }

    @EventHandler
    void on(ChatEvent event, EventMessage<?> message, TrackingToken token) {
        long position =
                token.position().orElseThrow(() -> new IllegalStateException("Token without a position: " + token));
        // Member events live in per-member streams; their version is memberVersion, not an aggregate version.
        Long aggregateVersion = event instanceof MemberEvent || !(message instanceof DomainEventMessage<?> domain)
                ? null
                : domain.getSequenceNumber();
        EventEnvelope envelope = EventEnvelope.of(
                UUID.fromString(message.getIdentifier()), position, aggregateVersion, message.getTimestamp(), event);
        pendingSends()
                .add(kafka.send(properties.topic(), event.conversationId().toString(), EventCodec.encode(envelope)));
    }

    /** The batch's sends; awaited once, just before the batch (and the processor's token) commits. */
    private List<CompletableFuture<SendResult<String, byte[]>>> pendingSends() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get();
        return batch.getOrComputeResource(PENDING, key -> {
            List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>();
            batch.onPrepareCommit(uow -> awaitAll(sends));
            return sends;
        });
    }

    private void awaitAll(List<CompletableFuture<SendResult<String, byte[]>>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(properties.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayFailedException("Interrupted while waiting for Kafka", e);
        } catch (Exception e) {
            throw new RelayFailedException(
                    "Kafka did not acknowledge a batch of " + sends.size() + " events; it will be retried", e);
        }
        published.increment(sends.size());
    }

    static final class RelayFailedException extends RuntimeException {
        RelayFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
