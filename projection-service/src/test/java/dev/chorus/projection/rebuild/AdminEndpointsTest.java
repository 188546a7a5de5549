package dev.chorus.projection.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.chorus.web.ChorusException;
import dev.chorus.web.DevTokens;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** /admin/**: who may call it, what it answers, one run at a time, and the meters. */
class AdminEndpointsTest extends RebuildTestBase {

    @Autowired
    TestRestTemplate http;

    @Autowired
    RebuildProperties properties;

    private final DevTokens tokens = new DevTokens(JWT_SECRET);

    @Test
    void onlyAdminsGetIn() throws Exception {
        ResponseEntity<JsonNode> anonymous = call(HttpMethod.GET, "/admin/rebuild", null);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymous.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);

        ResponseEntity<JsonNode> user = call(HttpMethod.POST, "/admin/rebuild", tokens.forUser(5));
        assertThat(user.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(user.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(call(HttpMethod.GET, "/admin/rebuild", tokens.forUser(ADMIN_USER_ID))
                        .getStatusCode())
                .as("a configured admin user id")
                .isEqualTo(HttpStatus.OK);
        ResponseEntity<JsonNode> byRole =
                call(HttpMethod.GET, "/admin/rebuild", token("77", "roles", List.of("admin")));
        assertThat(byRole.getStatusCode()).as("a roles claim").isEqualTo(HttpStatus.OK);
        assertThat(byRole.getBody().path("eventStoreConfigured").asBoolean()).isTrue();
        assertThat(call(HttpMethod.GET, "/admin/rebuild", token("78", "scope", "read chorus.admin"))
                        .getStatusCode())
                .as("a scope claim")
                .isEqualTo(HttpStatus.OK);
        assertThat(call(HttpMethod.GET, "/admin/rebuild", token("79", "roles", List.of("user")))
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void badInputIsAProblemNotAnError() {
        String admin = tokens.forUser(ADMIN_USER_ID);
        ResponseEntity<JsonNode> notUuid = call(HttpMethod.POST, "/admin/rebuild/conversation/not-a-uuid", admin);
        assertThat(notUuid.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(call(HttpMethod.POST, "/admin/rebuild/user/0", admin).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        ResponseEntity<JsonNode> unknown =
                call(HttpMethod.POST, "/admin/rebuild/conversation/" + UUID.randomUUID(), admin);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody().path("detail").asText()).contains("Neither the event store nor the read model");
    }

    @Test
    void oneRunAtATimeAcrossEveryReplicaAndTheTool() {
        String admin = tokens.forUser(ADMIN_USER_ID);
        try (RebuildLock elsewhere = RebuildLock.tryAcquire(rebuildDatabase).orElseThrow()) {
            for (String path : List.of("/admin/rebuild", "/admin/verify", "/admin/rebuild/user/5")) {
                ResponseEntity<JsonNode> busy = call(HttpMethod.POST, path, admin);
                assertThat(busy.getStatusCode()).as(path).isEqualTo(HttpStatus.CONFLICT);
                assertThat(busy.getBody().path("code").asText()).isEqualTo("rebuild-in-progress");
                assertThat(busy.getBody().path("detail").asText()).contains("only one runs at a time");
            }
        }
    }

    @Test
    void aFullRebuildRunsInTheBackgroundWithStatusAndMeters() {
        String admin = tokens.forUser(ADMIN_USER_ID);
        storeAndPublish(new RandomWorkload(7, 900, 10).next(300));
        awaitProjected();

        ResponseEntity<JsonNode> started = call(HttpMethod.POST, "/admin/rebuild", admin);

        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(started.getHeaders().getLocation()).hasToString("/admin/rebuild");
        assertThat(started.getBody().path("operation").asText()).isEqualTo("FULL_REBUILD");
        JsonNode done = await().atMost(Duration.ofSeconds(120))
                .until(
                        () -> call(HttpMethod.GET, "/admin/rebuild", admin).getBody(),
                        s -> !s.path("run").path("state").asText().equals("RUNNING"));
        assertThat(done.path("run").path("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(done.path("run").path("eventsReplayed").asLong()).isGreaterThanOrEqualTo(300);
        assertThat(done.path("run").path("phaseSeconds").has("REPLAYING")).isTrue();
        assertThat(done.path("retiredSchemas").get(0).asText()).startsWith("retired_");

        ResponseEntity<JsonNode> verified = call(HttpMethod.POST, "/admin/verify", admin);
        assertThat(verified.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(verified.getBody().path("clean").asBoolean()).isTrue();
        assertThat(verified.getBody().path("tables").size()).isEqualTo(5);

        assertThat(http.getForObject("/actuator/prometheus", String.class))
                .contains("chorus_rebuild_events_replayed_events_total")
                .contains("chorus_rebuild_phase")
                .contains("chorus_rebuild_events_rate")
                .contains("chorus_rebuild_runs_seconds_count{operation=\"full_rebuild\",outcome=\"succeeded\"}")
                .contains("chorus_rebuild_runs_seconds_count{operation=\"verify\",outcome=\"succeeded\"}");
    }

    @Test
    void withoutAnEventStoreEveryRunIsUnavailable() {
        try (RebuildService withoutStore = new RebuildService(
                Optional.empty(),
                rebuildDatabase,
                properties,
                20,
                new RebuildMetrics(new SimpleMeterRegistry()),
                Clock.systemUTC())) {
            assertThatThrownBy(withoutStore::startFullRebuild)
                    .isInstanceOfSatisfying(ChorusException.ServiceUnavailable.class, e -> {
                        assertThat(e.code()).isEqualTo("event-store-not-configured");
                        assertThat(e.detail()).contains("EVENT_STORE_URL");
                    });
            assertThatThrownBy(withoutStore::verify).isInstanceOf(ChorusException.ServiceUnavailable.class);
            assertThat(withoutStore.eventStoreConfigured()).isFalse();
        }
    }

    private ResponseEntity<JsonNode> call(HttpMethod method, String path, String token) {
        HttpHeaders headers = new HttpHeaders();
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return http.exchange(path, method, new HttpEntity<>(headers), JsonNode.class);
    }

    private static String token(String subject, String claim, Object value) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .claim(claim, value)
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(JWT_SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }
}
