package dev.chorus.command.relay;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * {@code chorus.relay.lag}: events stored but not yet relayed (head of the event store minus the
 * relay's position), measured on the instance that owns the relay's segment; NaN elsewhere.
 */
@Component
public class RelayLagMetrics {

    private final EventStore eventStore;
    private final EventProcessingConfiguration processing;

    public RelayLagMetrics(EventStore eventStore, EventProcessingConfiguration processing, MeterRegistry meters) {
        this.eventStore = eventStore;
        this.processing = processing;
        Gauge.builder("chorus.relay.lag", this, RelayLagMetrics::lag)
                .description("Events in the event store not yet published to Kafka by this instance")
                .baseUnit("events")
                .register(meters);
    }

    double lag() {
        Optional<TrackingEventProcessor> relay =
                processing.eventProcessor(KafkaRelay.PROCESSOR, TrackingEventProcessor.class);
        if (relay.isEmpty() || relay.get().processingStatus().isEmpty()) {
            return Double.NaN;
        }
        long relayed = relay.get().processingStatus().values().stream()
                .map(EventTrackerStatus::getTrackingToken)
                .mapToLong(token -> position(token).orElse(0))
                .min()
                .orElse(0);
        OptionalLong head = position(eventStore.createHeadToken());
        return Math.max(0, head.orElse(0) - relayed);
    }

    private static OptionalLong position(TrackingToken token) {
        return token == null ? OptionalLong.empty() : token.position();
    }
}
