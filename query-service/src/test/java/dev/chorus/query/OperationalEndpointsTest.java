package dev.chorus.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chorus.query.testing.QueryServiceTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Health, metrics and API docs: reachable without a token, and only what is meant to be exposed. */
class OperationalEndpointsTest extends QueryServiceTest {

    @LocalServerPort
    private int port;

    @Test
    void liveness_and_readiness_include_the_database() {
        JsonNode readiness = api.get("/actuator/health/readiness", null).body();
        assertThat(readiness.get("status").asText()).isEqualTo("UP");
        assertThat(api.get("/actuator/health/liveness", null).status()).isEqualTo(200);
        assertThat(api.get("/actuator/health", null).body().get("status").asText())
                .isEqualTo("UP");
        assertThat(api.get("/actuator/info", null).status()).isEqualTo(200);
    }

    @Test
    void prometheus_shows_query_latencies_and_consistency_waits() throws Exception {
        long alice = newUser();
        readModel.group(alice, newUser());
        assertThat(api.get("/api/inbox", token(alice)).status()).isEqualTo(200);

        String metrics = text("/actuator/prometheus");

        assertThat(metrics)
                .contains("chorus_query_latency_seconds_bucket{")
                .contains("query=\"inbox\"")
                .contains("chorus_query_consistency_waiting")
                .contains("chorus_query_consistency_wait_seconds_count{");
    }

    @Test
    void other_actuator_endpoints_are_not_exposed() {
        for (String path : new String[] {"/actuator/env", "/actuator/beans", "/actuator/metrics"}) {
            assertThat(api.get(path, token(newUser())).status()).as(path).isEqualTo(404);
        }
    }

    @Test
    void the_openapi_document_lists_every_read_with_the_bearer_scheme_and_the_consistency_header() throws Exception {
        JsonNode docs = api.get("/v3/api-docs", null).body();

        assertThat(docs.get("paths").fieldNames())
                .toIterable()
                .contains(
                        "/api/inbox",
                        "/api/conversations/{conversationId}",
                        "/api/conversations/{conversationId}/messages",
                        "/api/conversations/{conversationId}/messages/{seq}/receipts",
                        "/api/search");
        JsonNode inbox = docs.get("paths").get("/api/inbox").get("get");
        assertThat(inbox.get("parameters").findValuesAsText("name")).contains("Consistency-Token", "limit", "cursor");
        assertThat(docs.get("components").get("securitySchemes").fieldNames())
                .toIterable()
                .isNotEmpty();
        assertThat(text("/swagger-ui/index.html")).contains("swagger");
    }

    private String text(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
