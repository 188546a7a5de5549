package dev.chorus.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.command.CommandServiceTestBase;
import dev.chorus.command.HttpApi;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input gets the documented status as problem+json with a useful detail, and a rejected
 * command leaves no trace in the event store.
 */
class BadInputTest extends CommandServiceTestBase {

    long alice;
    long bob;
    long carol;
    UUID conversation;
    String base;

    @BeforeEach
    void conversationWithAMessage() {
        alice = newUser(); // admin
        bob = newUser();
        carol = newUser();
        conversation = createGroup(alice, bob, carol);
        base = "/api/conversations/" + conversation;
        assertThat(sendText(bob, conversation, UUID.randomUUID(), "bob's message")
                        .status())
                .isEqualTo(201);
    }

    @Test
    void missingTokenIs401() {
        rejected(() -> api.send("POST", base + "/messages", message("hi"), null), 401, "Missing bearer token");
    }

    @Test
    void wrongSignatureIs401() {
        rejected(
                () -> api.send(
                        "POST",
                        base + "/messages",
                        message("hi"),
                        "Bearer " + api.tokens().wrongSignature(bob)),
                401,
                "Invalid bearer token");
    }

    @Test
    void expiredTokenIs401() {
        rejected(
                () -> api.send(
                        "POST",
                        base + "/messages",
                        message("hi"),
                        "Bearer " + api.tokens().expired(bob)),
                401,
                "expired");
    }

    @Test
    void aNonMemberIs403() {
        long stranger = newUser();
        rejected(() -> api.post(stranger, base + "/messages", message("hi")), 403, "not a member");
        rejected(() -> api.post(stranger, base + "/read", "{\"upToSeq\": 1}"), 403, "not a member");
        rejected(() -> api.put(stranger, base + "/mute", "{\"until\": null}"), 403, "not a member");
        rejected(() -> api.delete(stranger, base + "/messages/1?scope=me"), 403, "not a member");
    }

    @Test
    void malformedJsonIs400() {
        rejected(() -> api.post(bob, base + "/messages", "{\"clientMessageId\": "), 400, "Malformed JSON");
    }

    @Test
    void aWronglyTypedFieldIs400NamingIt() {
        rejected(
                () -> api.post(bob, base + "/messages", "{\"clientMessageId\": \"not-a-uuid\", \"body\": \"x\"}"),
                400,
                "clientMessageId");
        rejected(
                () -> api.post(
                        bob,
                        base + "/messages",
                        HttpApi.json(
                                Map.of("clientMessageId", UUID.randomUUID().toString(), "type", "VIDEO", "body", "x"))),
                400,
                "type");
    }

    @Test
    void aMissingClientMessageIdIs400() {
        rejected(() -> api.post(bob, base + "/messages", "{\"body\": \"x\"}"), 400, "clientMessageId");
    }

    @Test
    void anOversizedBodyIs413() {
        rejected(() -> api.post(bob, base + "/messages", message("x".repeat(16 * 1024 + 1))), 413, "16384");
    }

    @Test
    void anOversizedRequestIs413BeforeItIsRead() {
        rejected(() -> api.post(bob, base + "/messages", message("x".repeat(5 * 1024 * 1024))), 413, "limit");
    }

    @Test
    void anUnknownConversationIs404() {
        String unknown = "/api/conversations/" + UUID.randomUUID();
        rejected(() -> api.post(bob, unknown + "/messages", message("hi")), 404, "No conversation");
        rejected(() -> api.post(bob, unknown + "/read", "{\"upToSeq\": 1}"), 404, "No conversation");
        rejected(() -> api.post(bob, unknown + "/members", "{\"userIds\": [5]}"), 404, "No conversation");
    }

    @Test
    void aMalformedConversationIdIs400() {
        rejected(() -> api.post(bob, "/api/conversations/nope/messages", message("hi")), 400, "conversationId");
    }

    @Test
    void deletingSomeoneElsesMessageAsAPlainMemberIs403() {
        rejected(() -> api.delete(carol, base + "/messages/1?scope=everyone"), 403, "sender");
    }

    @Test
    void deletingAnUnknownSeqIs404() {
        rejected(() -> api.delete(bob, base + "/messages/99?scope=everyone"), 404, "seq 99");
        rejected(() -> api.delete(bob, base + "/messages/99?scope=me"), 404, "seq 99");
    }

    @Test
    void anUnknownDeleteScopeIs400() {
        rejected(() -> api.delete(bob, base + "/messages/1?scope=all"), 400, "scope");
        rejected(() -> api.delete(bob, base + "/messages/1"), 400, "scope");
    }

    @Test
    void aNegativeReadSeqIs400() {
        rejected(() -> api.post(bob, base + "/read", "{\"upToSeq\": -1}"), 400, "upToSeq");
    }

    @Test
    void muteInThePastIs400() {
        rejected(() -> api.put(bob, base + "/mute", "{\"until\": \"2001-01-01T00:00:00Z\"}"), 400, "future");
    }

    @Test
    void aPlainMemberCannotAddOrRemoveOthers() {
        rejected(() -> api.post(bob, base + "/members", "{\"userIds\": [" + newUser() + "]}"), 403, "admin");
        rejected(() -> api.delete(bob, base + "/members/" + carol), 403, "admin");
    }

    @Test
    void aDmTakesNoThirdMember() {
        long dave = newUser();
        HttpApi.Response dm =
                api.post(alice, "/api/conversations", HttpApi.json(Map.of("type", "DM", "memberIds", List.of(dave))));
        assertThat(dm.status()).isEqualTo(201);
        String path = "/api/conversations/" + dm.json().path("conversationId").asText() + "/members";
        rejected(() -> api.post(alice, path, "{\"userIds\": [" + carol + "]}"), 409, "DM");
    }

    @Test
    void aDmWithThreeMembersIs400() {
        rejected(
                () -> api.post(
                        alice,
                        "/api/conversations",
                        HttpApi.json(Map.of("type", "DM", "memberIds", List.of(bob, carol)))),
                400,
                "exactly two");
    }

    @Test
    void markingReadBeyondTheEndClampsToTheLastSeq() {
        // Bob's pointer already is at his own message: nothing moves, nothing is appended.
        long before = eventCount();
        HttpApi.Response bobs = api.post(bob, base + "/read", "{\"upToSeq\": 1000}");
        assertThat(bobs.status()).isEqualTo(202);
        assertThat(bobs.json().path("readSeq").asLong()).isEqualTo(1);
        assertThat(eventCount()).isEqualTo(before);

        // Carol's pointer moves to the end, not beyond: one event.
        HttpApi.Response carols = api.post(carol, base + "/read", "{\"upToSeq\": 1000}");
        assertThat(carols.status()).isEqualTo(202);
        assertThat(carols.json().path("readSeq").asLong()).isEqualTo(1);
        assertThat(eventCount()).isEqualTo(before + 1);
        // And never back.
        HttpApi.Response back = api.post(carol, base + "/read", "{\"upToSeq\": 0}");
        assertThat(back.json().path("readSeq").asLong()).isEqualTo(1);
        assertThat(eventCount()).isEqualTo(before + 1);
    }

    private void rejected(Supplier<HttpApi.Response> request, int status, String detailFragment) {
        long before = eventCount();
        HttpApi.Response response = request.get();
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("status").asInt()).isEqualTo(status);
        assertThat(response.detail()).as(response.raw()).containsIgnoringCase(detailFragment);
        assertThat(eventCount()).as("events appended by a rejected command").isEqualTo(before);
    }

    private static String message(String body) {
        return HttpApi.json(Map.of("clientMessageId", UUID.randomUUID().toString(), "body", body));
    }
}
