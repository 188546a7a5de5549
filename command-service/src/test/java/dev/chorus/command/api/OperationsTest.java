package dev.chorus.command.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.command.CommandServiceTestBase;
import dev.chorus.command.HttpApi;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Health, metrics and API docs: public, and saying what operators and clients need. */
class OperationsTest extends CommandServiceTestBase {

    @Test
    void probesArePublicAndUp() {
        for (String probe : new String[] {"/actuator/health/liveness", "/actuator/health/readiness"}) {
            HttpApi.Response response = api.send("GET", probe, null, null);
            assertThat(response.status()).as(probe + " " + response.raw()).isEqualTo(200);
            assertThat(response.json().path("status").asText()).isEqualTo("UP");
        }
    }

    @Test
    void metricsCountCommandsAndTheRelay() {
        long alice = newUser();
        UUID conversation = createGroup(alice);
        sendText(alice, conversation, UUID.randomUUID(), "counted");
        api.post(newUser(), "/api/conversations/" + conversation + "/messages", "{\"body\": \"x\"}");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = api.send("GET", "/actuator/prometheus", null, null).raw();
            assertThat(metrics)
                    .contains("chorus_commands_seconds_count{")
                    .containsPattern(
                            "chorus_commands_seconds_count\\{[^}]*command=\"SendMessage\"[^}]*outcome=\"accepted\"")
                    .containsPattern("chorus_relay_published_total\\{[^}]*\\} [1-9]")
                    .contains("chorus_relay_lag_events");
        });
    }

    @Test
    void otherActuatorEndpointsAreNotExposed() {
        assertThat(api.send("GET", "/actuator/env", null, null).status()).isIn(401, 404);
        assertThat(api.send(
                                "GET",
                                "/actuator/env",
                                null,
                                "Bearer " + api.tokens().forUser(1))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void theApiDocsDescribeTheCommandsAndTheBearerScheme() {
        HttpApi.Response docs = api.send("GET", "/v3/api-docs", null, null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json()
                        .path("components")
                        .path("securitySchemes")
                        .path("bearer-jwt")
                        .path("scheme")
                        .asText())
                .isEqualTo("bearer");
        assertThat(docs.json().path("paths").has("/api/conversations/{conversationId}/messages"))
                .isTrue();
        assertThat(docs.raw()).doesNotContain("CurrentUser");
    }
}
