package dev.chorus.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.testsupport.TestInfrastructure;
import dev.chorus.web.DevTokens;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one application context the integration tests share (same properties, so Spring caches and
 * reuses it): a fresh PostgreSQL database and a topic of its own on the shared broker, both real.
 * Tests isolate themselves by creating their own conversations (user ids are unique per test too).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false) // tests export metrics too: /actuator/prometheus is tested
public abstract class CommandServiceTestBase {

    protected static final String SECRET = "command-service-test-secret-0123456789abcdef";
    protected static final TestInfrastructure.Database DATABASE =
            TestInfrastructure.get().newDatabase("command");
    protected static final String TOPIC = "chorus.test-events-" + UUID.randomUUID();
    private static long nextUser = 1000;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DATABASE::jdbcUrl);
        registry.add("spring.datasource.username", DATABASE::username);
        registry.add("spring.datasource.password", DATABASE::password);
        registry.add(
                "spring.kafka.bootstrap-servers", () -> TestInfrastructure.get().bootstrapServers());
        registry.add("chorus.kafka.topic", () -> TOPIC);
        registry.add("chorus.kafka.partitions", () -> 3);
        registry.add("chorus.security.jwt-secret", () -> SECRET);
        // Snapshot often, so the tests source conversations from snapshots too.
        registry.add("chorus.commands.snapshot-threshold", () -> 5);
    }

    @LocalServerPort
    int port;

    @Autowired
    protected JdbcClient jdbc;

    protected HttpApi api;

    @BeforeEach
    void client() {
        api = new HttpApi("http://localhost:" + port, new DevTokens(SECRET));
    }

    /** A user id no other test uses. */
    protected static synchronized long newUser() {
        return nextUser++;
    }

    protected long eventCount() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry")
                .query(Long.class)
                .single();
    }

    protected UUID createGroup(long admin, long... members) {
        HttpApi.Response created = api.post(
                admin,
                "/api/conversations",
                HttpApi.json(Map.of("type", "GROUP", "title", "team", "memberIds", toList(members))));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return UUID.fromString(created.json().path("conversationId").asText());
    }

    protected HttpApi.Response sendText(long sender, UUID conversation, UUID clientMessageId, String body) {
        return api.post(
                sender,
                "/api/conversations/" + conversation + "/messages",
                HttpApi.json(Map.of("clientMessageId", clientMessageId.toString(), "type", "TEXT", "body", body)));
    }

    protected static List<Long> toList(long... ids) {
        return java.util.Arrays.stream(ids).boxed().toList();
    }
}
