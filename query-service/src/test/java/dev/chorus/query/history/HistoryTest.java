package dev.chorus.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chorus.events.MessageType;
import dev.chorus.query.testing.HttpApi;
import dev.chorus.query.testing.QueryServiceTest;
import dev.chorus.query.testing.ReadModelFixture.Conversation;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HistoryTest extends QueryServiceTest {

    private long alice;
    private long bob;
    private Conversation group;

    /** Ten messages by bob: seq 1..10. */
    @BeforeEach
    void tenMessages() {
        alice = newUser();
        bob = newUser();
        group = readModel.group(alice, bob);
        for (int i = 1; i <= 10; i++) {
            readModel.send(group, bob, "message " + i);
        }
    }

    @Test
    void newest_first_by_default() {
        HttpApi.Response page = history(alice, "");

        assertThat(page.status()).isEqualTo(200);
        assertThat(seqs(page)).containsExactly(10L, 9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L);
        assertThat(page.body().get("nextCursor").isNull()).isTrue();
    }

    @Test
    void before_seq_pages_backwards_with_the_next_cursor() {
        HttpApi.Response first = history(alice, "limit=4");
        assertThat(seqs(first)).containsExactly(10L, 9L, 8L, 7L);
        long cursor = first.body().get("nextCursor").asLong();
        assertThat(cursor).isEqualTo(7);

        HttpApi.Response second = history(alice, "limit=4&beforeSeq=" + cursor);
        assertThat(seqs(second)).containsExactly(6L, 5L, 4L, 3L);

        HttpApi.Response last = history(
                alice, "limit=4&beforeSeq=" + second.body().get("nextCursor").asLong());
        assertThat(seqs(last)).containsExactly(2L, 1L);
        assertThat(last.body().get("nextCursor").isNull()).isTrue();
    }

    @Test
    void after_seq_pages_forwards_oldest_first() {
        HttpApi.Response first = history(alice, "afterSeq=3&limit=3");
        assertThat(seqs(first)).containsExactly(4L, 5L, 6L);
        assertThat(first.body().get("nextCursor").asLong()).isEqualTo(6);

        HttpApi.Response rest = history(alice, "afterSeq=6&limit=10");
        assertThat(seqs(rest)).containsExactly(7L, 8L, 9L, 10L);
        assertThat(rest.body().get("nextCursor").isNull()).isTrue();

        assertThat(seqs(history(alice, "afterSeq=2&beforeSeq=6"))).containsExactly(3L, 4L, 5L);
    }

    @Test
    void messages_the_caller_hid_are_left_out_for_them_only() {
        readModel.hide(group, alice, 9);
        readModel.hide(group, alice, 8);

        HttpApi.Response page = history(alice, "limit=3");

        assertThat(seqs(page)).containsExactly(10L, 7L, 6L);
        assertThat(page.body().get("nextCursor").asLong()).isEqualTo(6);
        assertThat(seqs(history(bob, "limit=3"))).containsExactly(10L, 9L, 8L);
    }

    @Test
    void a_message_deleted_for_everyone_keeps_its_place_without_content() {
        long rich = readModel.send(
                group,
                bob,
                MessageType.IMAGE,
                "a picture",
                "{\"width\":640,\"tags\":[\"cat\"]}",
                "[{\"storageKey\":\"k/1\",\"mimeType\":\"image/png\",\"sizeBytes\":1234}]");
        long doomed = readModel.send(
                group,
                bob,
                MessageType.FILE,
                "the file",
                "{\"pages\":3}",
                "[{\"storageKey\":\"k/2\",\"mimeType\":\"application/pdf\",\"sizeBytes\":99}]");
        readModel.delete(group, doomed, bob);

        List<JsonNode> items = items(history(alice, "limit=2"));

        JsonNode deleted = items.get(0);
        assertThat(deleted.get("seq").asLong()).isEqualTo(doomed);
        assertThat(deleted.get("deleted").asBoolean()).isTrue();
        assertThat(deleted.get("body").isNull()).isTrue();
        assertThat(deleted.get("meta").isNull()).isTrue();
        assertThat(deleted.get("attachments").isArray()).isTrue();
        assertThat(deleted.get("attachments")).isEmpty();
        assertThat(deleted.get("type").asText()).isEqualTo("FILE");
        assertThat(deleted.get("senderId").asLong()).isEqualTo(bob);

        JsonNode kept = items.get(1);
        assertThat(kept.get("seq").asLong()).isEqualTo(rich);
        assertThat(kept.get("deleted").asBoolean()).isFalse();
        assertThat(kept.get("type").asText()).isEqualTo("IMAGE");
        assertThat(kept.get("body").asText()).isEqualTo("a picture");
        assertThat(kept.get("meta").get("width").asInt()).isEqualTo(640);
        assertThat(kept.get("meta").get("tags").get(0).asText()).isEqualTo("cat");
        JsonNode attachment = kept.get("attachments").get(0);
        assertThat(attachment.get("storageKey").asText()).isEqualTo("k/1");
        assertThat(attachment.get("mimeType").asText()).isEqualTo("image/png");
        assertThat(attachment.get("sizeBytes").asLong()).isEqualTo(1234);
        assertThat(UUID.fromString(kept.get("messageId").asText())).isNotNull();
        assertThat(kept.get("sentAt").asText()).isNotBlank();
    }

    @Test
    void a_member_who_joined_later_sees_the_history_from_before_their_join() {
        long carol = newUser();
        long joinSeq = readModel.join(group, alice, carol);

        HttpApi.Response page = history(carol, "limit=200");

        assertThat(seqs(page))
                .containsExactlyElementsOf(LongStream.rangeClosed(1, joinSeq)
                        .map(seq -> joinSeq + 1 - seq)
                        .boxed()
                        .toList());
        assertThat(items(page).get(0).get("type").asText()).isEqualTo("SYSTEM");
    }

    @Test
    void a_non_member_gets_403_and_a_member_who_left_too() {
        HttpApi.Response stranger = history(newUser(), "");
        assertThat(stranger.status()).isEqualTo(403);
        assertThat(stranger.contentType()).startsWith("application/problem+json");
        assertThat(stranger.body().get("code").asText()).isEqualTo("not-a-member");

        readModel.leave(group, bob);
        assertThat(history(bob, "").status()).isEqualTo(403);
    }

    @Test
    void an_unknown_conversation_is_404_and_a_malformed_id_400() {
        HttpApi.Response unknown = api.get("/api/conversations/" + UUID.randomUUID() + "/messages", token(alice));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.body().get("code").asText()).isEqualTo("conversation-not-found");

        HttpApi.Response malformed = api.get("/api/conversations/not-a-uuid/messages", token(alice));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().get("detail").asText()).contains("conversationId");
    }

    @Test
    void limit_and_seq_bounds_are_checked() {
        for (String bad : List.of("limit=0", "limit=201", "beforeSeq=-1", "afterSeq=x")) {
            HttpApi.Response response = history(alice, bad);
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        assertThat(seqs(history(alice, "limit=1"))).containsExactly(10L);
    }

    private HttpApi.Response history(long userId, String query) {
        return api.get(
                "/api/conversations/" + group.id() + "/messages" + (query.isEmpty() ? "" : "?" + query), token(userId));
    }

    private static List<JsonNode> items(HttpApi.Response page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        page.body().get("items").forEach(items::add);
        return items;
    }

    private static List<Long> seqs(HttpApi.Response page) {
        return items(page).stream().map(item -> item.get("seq").asLong()).toList();
    }
}
