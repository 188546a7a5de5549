package dev.chorus.query.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chorus.events.ConsistencyToken;
import dev.chorus.query.testing.HttpApi;
import dev.chorus.query.testing.QueryServiceTest;
import dev.chorus.query.testing.ReadModelFixture.Conversation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Read-your-writes: the projection's progress is simulated by the fixture writing rows (and raising
 * watermarks) from the test thread while the service's request thread waits.
 */
class ConsistencyTokenTest extends QueryServiceTest {

    private static final String HEADER = "Consistency-Token";

    @Autowired
    private MeterRegistry meters;

    private long alice;
    private long bob;
    private Conversation group;

    @BeforeEach
    void group() {
        alice = newUser();
        bob = newUser();
        group = readModel.group(alice, bob);
        readModel.send(group, bob, "already there");
    }

    @Test
    void a_read_waits_until_the_conversation_watermark_reaches_the_token_then_answers_with_the_write() {
        String token = new ConsistencyToken.ConversationAt(group.id(), readModel.aggregateVersion(group) + 1).encode();
        double visibleBefore = waits("visible");

        CompletableFuture<HttpApi.Response> read = api.getAsync(historyPath(), token(alice), HEADER, token);
        awaitOneWaitingRequest();
        assertThat(read).isNotDone();
        long seq = readModel.send(group, bob, "the write the client made");

        HttpApi.Response response = read.join();
        assertThat(response.status()).isEqualTo(200);
        JsonNode newest = response.body().get("items").get(0);
        assertThat(newest.get("seq").asLong()).isEqualTo(seq);
        assertThat(newest.get("body").asText()).isEqualTo("the write the client made");
        assertThat(waits("visible")).isEqualTo(visibleBefore + 1);
    }

    @Test
    void a_member_token_waits_for_the_members_watermark() {
        long seq = readModel.send(group, bob, "to be read");
        String token =
                new ConsistencyToken.MemberAt(group.id(), alice, readModel.memberVersion(group, alice) + 1).encode();

        CompletableFuture<HttpApi.Response> read = api.getAsync("/api/inbox", token(alice), HEADER, token);
        awaitOneWaitingRequest();
        assertThat(read).isNotDone();
        readModel.markRead(group, alice, seq);

        HttpApi.Response response = read.join();
        assertThat(response.status()).isEqualTo(200);
        JsonNode item = response.body().get("items").get(0);
        assertThat(item.get("lastReadSeq").asLong()).isEqualTo(seq);
        assertThat(item.get("unreadCount").asInt()).isZero();
    }

    @Test
    void a_write_the_read_model_never_reaches_is_a_503_with_retry_after() {
        double timeoutsBefore = waits("timeout");
        List<String> tokens = List.of(
                new ConsistencyToken.ConversationAt(group.id(), readModel.aggregateVersion(group) + 100).encode(),
                new ConsistencyToken.ConversationAt(UUID.randomUUID(), 0).encode(),
                new ConsistencyToken.MemberAt(group.id(), newUser(), 1).encode());

        for (String token : tokens) {
            HttpApi.Response response = api.get(historyPath(), token(alice), HEADER, token);
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(response.body().get("code").asText()).isEqualTo("not-yet-consistent");
            assertThat(response.body().get("detail").asText()).contains("Consistency-Token");
        }
        assertThat(waits("timeout")).isEqualTo(timeoutsBefore + tokens.size());
    }

    @Test
    void a_malformed_token_is_a_400_problem() {
        List<String> malformed = new ArrayList<>(List.of(
                "garbage",
                "!!not-base64!!",
                base64("1:c:not-a-uuid:3"),
                base64("2:c:" + group.id() + ":3"),
                base64("1:m:" + group.id() + ":5")));
        for (String token : malformed) {
            HttpApi.Response response = api.get(historyPath(), token(alice), HEADER, token);
            assertThat(response.status()).as(token).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.body().get("code").asText()).isEqualTo("invalid-consistency-token");
        }
    }

    @Test
    void without_the_header_a_read_never_waits_and_may_be_stale() {
        double allWaitsBefore = allWaits();
        HttpApi.Response response = api.get(historyPath(), token(alice));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("items")).hasSize(1);
        assertThat(allWaits()).isEqualTo(allWaitsBefore);
    }

    @Test
    void a_token_already_reached_answers_without_polling() {
        double alreadyBefore = waits("already-visible");
        String token = new ConsistencyToken.ConversationAt(group.id(), readModel.aggregateVersion(group)).encode();

        HttpApi.Response response = api.get(historyPath(), token(alice), HEADER, token);

        assertThat(response.status()).isEqualTo(200);
        assertThat(waits("already-visible")).isEqualTo(alreadyBefore + 1);
    }

    private String historyPath() {
        return "/api/conversations/" + group.id() + "/messages";
    }

    private void awaitOneWaitingRequest() {
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(5))
                .until(() ->
                        meters.get("chorus.query.consistency.waiting").gauge().value() == 1.0);
    }

    private double waits(String outcome) {
        Timer timer = meters.find("chorus.query.consistency.wait")
                .tag("outcome", outcome)
                .timer();
        return timer == null ? 0 : timer.count();
    }

    private double allWaits() {
        return meters.find("chorus.query.consistency.wait").timers().stream()
                .mapToDouble(Timer::count)
                .sum();
    }

    private static String base64(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }
}
