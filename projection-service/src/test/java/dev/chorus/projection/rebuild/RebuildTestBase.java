package dev.chorus.projection.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.events.EventEnvelope;
import dev.chorus.projection.support.ProjectionIntegrationTest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Rebuild tests: the shared context (live projection on Kafka) plus an event store migrated by
 * command-service's own script. Each test starts with a full rebuild, which makes the live read
 * model exactly the event store's (other test classes publish straight to Kafka; their rows go).
 */
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

    /** Stores the events (as command-service does) and publishes them (as its relay does). */
    protected List<EventEnvelope> storeAndPublish(List<EventStoreWriter.Pending> events) {
        List<EventEnvelope> stored = eventStore().append(events);
        publish(stored);
        return stored;
    }
}
