package dev.chorus.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.projection.support.ConversationScript;
import dev.chorus.projection.support.ProjectionIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/** Only health, info and prometheus are exposed; the projection's meters and Kafka lag are scraped. */
class ActuatorTest extends ProjectionIntegrationTest {

    @Autowired
    TestRestTemplate http;

    @Test
    void prometheusShowsTheProjectionMetersAndConsumerLagPerPartition() {
        publishAndAwait(ConversationScript.group(1, 2).send(1, "hi").events());

        String scrape = http.getForObject("/actuator/prometheus", String.class);

        assertThat(scrape)
                .contains("chorus_projection_events_applied_total{", "type=\"MessageSent\"")
                .contains("chorus_projection_batch_size_events_count")
                .contains("chorus_projection_batch_duration_seconds_bucket")
                .contains("chorus_projection_fanout_statements_total")
                .contains("chorus_projection_fanout_rows_total")
                .contains("chorus_projection_event_age_seconds_count")
                .containsPattern("chorus_projection_lag_records\\{[^}]*partition=\"\\d+\"")
                .contains("kafka_consumer_fetch_manager_records_lag_max");
    }

    @Test
    void healthProbesAreUpAndNothingElseIsExposed() {
        assertThat(http.getForEntity("/actuator/health/liveness", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        var readiness = http.getForEntity("/actuator/health/readiness", String.class);
        assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(readiness.getBody()).contains("\"UP\"");
        assertThat(http.getForEntity("/actuator/info", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(http.getForEntity("/actuator/env", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(http.getForEntity("/actuator/metrics", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }
}
