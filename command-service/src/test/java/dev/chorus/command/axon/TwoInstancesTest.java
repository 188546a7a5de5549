package dev.chorus.command.axon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.command.CommandServiceApplication;
import dev.chorus.command.CommandServiceTestBase;
import dev.chorus.command.HttpApi;
import dev.chorus.testsupport.TestInfrastructure;
import dev.chorus.web.DevTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two command-service instances on one event store, each with its own aggregate cache: writes
 * through either are serialized by optimistic locking (and retried), and neither judges a
 * conversation on state the other has changed since.
 */
class TwoInstancesTest extends CommandServiceTestBase {

    static ConfigurableApplicationContext second;
    static HttpApi secondApi;

    @BeforeAll
    static void startSecondInstance() {
        // Command-line arguments: they take precedence over application.yml, as in a deployment.
        second = new SpringApplicationBuilder(CommandServiceApplication.class)
                .run(
                        "--spring.datasource.url=" + DATABASE.jdbcUrl(),
                        "--spring.datasource.username=" + DATABASE.username(),
                        "--spring.datasource.password=" + DATABASE.password(),
                        "--spring.kafka.bootstrap-servers="
                                + TestInfrastructure.get().bootstrapServers(),
                        "--chorus.kafka.topic=" + TOPIC,
                        "--chorus.security.jwt-secret=" + SECRET,
                        "--server.port=0");
        int port = ((ServletWebServerApplicationContext) second).getWebServer().getPort();
        secondApi = new HttpApi("http://localhost:" + port, new DevTokens(SECRET));
    }

    @AfterAll
    static void stopSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void aMemberAddedThroughOneInstanceMaySendThroughTheOther() {
        long alice = newUser();
        long bob = newUser();
        long carol = newUser();
        UUID conversation = createGroup(alice, bob);
        String base = "/api/conversations/" + conversation;
        // The first instance now has the conversation cached.
        assertThat(sendText(bob, conversation, UUID.randomUUID(), "cached here").status())
                .isEqualTo(201);

        HttpApi.Response added = secondApi.post(alice, base + "/members", "{\"userIds\": [" + carol + "]}");
        assertThat(added.status()).as(added.raw()).isEqualTo(202);

        HttpApi.Response sent = sendText(carol, conversation, UUID.randomUUID(), "I was added elsewhere");
        assertThat(sent.status()).as(sent.raw()).isEqualTo(201);
        assertThat(sent.json().path("seq").asLong()).isEqualTo(3);

        assertThat(secondApi.delete(carol, base + "/members/" + carol).status()).isEqualTo(202);
        HttpApi.Response afterLeaving = sendText(carol, conversation, UUID.randomUUID(), "still here?");
        assertThat(afterLeaving.status()).as(afterLeaving.raw()).isEqualTo(403);
    }

    @Test
    void sendsThroughBothInstancesGetDistinctConsecutiveSeqs() throws Exception {
        long alice = newUser();
        long bob = newUser();
        UUID conversation = createGroup(alice, bob);
        String path = "/api/conversations/" + conversation + "/messages";
        List<Callable<HttpApi.Response>> sends = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            HttpApi instance = i % 2 == 0 ? api : secondApi;
            long sender = i % 3 == 0 ? alice : bob;
            sends.add(() -> instance.post(
                    sender,
                    path,
                    HttpApi.json(Map.of("clientMessageId", UUID.randomUUID().toString(), "body", "race"))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<HttpApi.Response> responses = new ArrayList<>();
        try {
            for (Future<HttpApi.Response> f : pool.invokeAll(sends, 120, TimeUnit.SECONDS)) {
                responses.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.raw()).isEqualTo(201));
        assertThat(responses.stream().map(r -> r.json().path("seq").asLong()))
                .containsExactlyInAnyOrderElementsOf(
                        LongStream.rangeClosed(1, 24).boxed().toList());
        assertThat(jdbc.sql("SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?")
                        .param(conversation.toString())
                        .query(Long.class)
                        .single())
                .isEqualTo(24);
    }
}
