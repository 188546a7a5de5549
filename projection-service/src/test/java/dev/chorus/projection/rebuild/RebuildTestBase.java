package dev.chorus.projection.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.events.EventEnvelope;
import dev.chorus.projection.support.ProjectionIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Rebuild tests: the shared context (live projection on Kafka) plus an event store migrated by
 * command-service's own script. Each test starts with a full rebuild, which makes the live read
 * model exactly the event store's: the rows of other test classes, which publish straight to Kafka
 * and never store events, go. So that those classes still find the read model that Kafka's events
 * make, the topic is replayed from its start into the live read model after each class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RebuildTestBase extends ProjectionIntegrationTest {

    private static EventStoreWriter eventStore;

    @Autowired
    protected RebuildService rebuilds;

    @Autowired
    protected RebuildDatabase rebuildDatabase;

    protected static synchronized EventStoreWriter eventStore() {
        if (eventStore == null) {
            eventStore = new EventStoreWriter(EVENT_STORE.jdbcUrl(), EVENT_STORE.username(), EVENT_STORE.password())
                    .migrated();
            // A full rebuild refuses to replace a non-empty read model (other classes' rows) by an empty store.
            eventStore.append(new RandomWorkload(1, 1, 2).next(1));
        }
        return eventStore;
    }

    @BeforeEach
    void liveReadModelIsTheEventStores() {
        eventStore();
        awaitProjected();
        assertThat(rebuilds.fullRebuild().state()).isEqualTo("SUCCEEDED");
        dropRetiredSchemas();
    }

    @AfterEach
    void dropRetiredSchemas() {
        rebuilds.retiredSchemas().forEach(s -> jdbc.getJdbcTemplate().execute("DROP SCHEMA " + s + " CASCADE"));
    }

    @AfterAll
    void replayTheTopicIntoTheLiveReadModel() throws Exception {
        awaitProjected();
        listenerContainer().stop();
        Map<TopicPartition, OffsetAndMetadata> rewound =
                admin().listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get().keySet().stream()
                        .collect(Collectors.toMap(Function.identity(), tp -> new OffsetAndMetadata(0)));
        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .untilAsserted(() ->
                        admin().alterConsumerGroupOffsets(GROUP, rewound).all().get());
        listenerContainer().start();
        awaitProjected();
    }

    /** Stores the events (as command-service does) and publishes them (as its relay does). */
    protected List<EventEnvelope> storeAndPublish(List<EventStoreWriter.Pending> events) {
        List<EventEnvelope> stored = eventStore().append(events);
        publish(stored);
        return stored;
    }
}
