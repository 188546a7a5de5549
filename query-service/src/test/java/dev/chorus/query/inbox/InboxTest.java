package dev.chorus.query.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chorus.events.ConversationType;
import dev.chorus.events.MessageType;
import dev.chorus.query.testing.HttpApi;
import dev.chorus.query.testing.QueryServiceTest;
import dev.chorus.query.testing.ReadModelFixture;
import dev.chorus.query.testing.ReadModelFixture.Conversation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InboxTest extends QueryServiceTest {

    @Test
    void an_item_shows_the_conversation_its_last_message_and_the_callers_state() {
        long alice = newUser();
        long bob = newUser();
        Conversation dm = readModel.conversation(ConversationType.DM, null, alice, bob);
        readModel.send(dm, alice, "hi bob");
        long second = readModel.send(dm, bob, "hi alice");
        long third = readModel.send(dm, bob, "are you there?");
        Instant muted = Instant.parse("2031-05-01T10:15:30.123456Z");
        readModel.mute(dm, alice, muted);

        JsonNode item = inbox(alice, "").body().get("items").get(0);

        assertThat(item.get("conversationId").asText()).isEqualTo(dm.id().toString());
        assertThat(item.get("type").asText()).isEqualTo("DM");
        assertThat(item.get("title").isNull()).isTrue();
        assertThat(item.get("unreadCount").asInt()).isEqualTo(2);
        assertThat(item.get("lastReadSeq").asLong()).isEqualTo(1);
        assertThat(Instant.parse(item.get("mutedUntil").asText())).isEqualTo(muted);
        JsonNode last = item.get("lastMessage");
        assertThat(last.get("seq").asLong()).isEqualTo(third);
        assertThat(last.get("senderId").asLong()).isEqualTo(bob);
        assertThat(last.get("type").asText()).isEqualTo("TEXT");
        assertThat(last.get("preview").asText()).isEqualTo("are you there?");
        assertThat(last.get("sentAt").asText()).isNotBlank();

        readModel.markRead(dm, alice, second);
        JsonNode afterRead = inbox(alice, "").body().get("items").get(0);
        assertThat(afterRead.get("unreadCount").asInt()).isEqualTo(1);
        assertThat(afterRead.get("lastReadSeq").asLong()).isEqualTo(second);
    }

    @Test
    void a_conversation_without_messages_has_no_last_message() {
        long alice = newUser();
        Conversation group = readModel.group(alice, newUser());

        JsonNode item = inbox(alice, "").body().get("items").get(0);

        assertThat(item.get("conversationId").asText()).isEqualTo(group.id().toString());
        assertThat(item.get("type").asText()).isEqualTo("GROUP");
        assertThat(item.get("lastMessage").isNull()).isTrue();
        assertThat(item.get("unreadCount").asInt()).isZero();
        assertThat(item.get("mutedUntil").isNull()).isTrue();
    }

    @Test
    void newest_activity_comes_first_and_pages_cover_every_conversation_once_even_across_ties() {
        long alice = newUser();
        List<Conversation> conversations = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            Conversation group = readModel.group(alice, newUser());
            readModel.send(group, alice, "message " + i);
            conversations.add(group);
        }
        // Five conversations share one activity time, so page boundaries fall inside the tie.
        Instant tie = ReadModelFixture.tick();
        for (Conversation tied : conversations.subList(2, 7)) {
            readModel.setActivity(tied, tie);
        }
        List<String> expected = expectedOrder(alice);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            HttpApi.Response page = inbox(alice, "limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            page.body()
                    .get("items")
                    .forEach(item -> seen.add(item.get("conversationId").asText()));
            cursor = page.body().get("nextCursor").isNull()
                    ? null
                    : page.body().get("nextCursor").asText();
            pages++;
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(expected).hasSize(9);
        assertThat(pages).isEqualTo(5);
    }

    @Test
    void exactly_a_full_last_page_has_no_next_cursor() {
        long alice = newUser();
        readModel.group(alice, newUser());
        readModel.group(alice, newUser());

        HttpApi.Response page = inbox(alice, "limit=2");

        assertThat(page.body().get("items")).hasSize(2);
        assertThat(page.body().get("nextCursor").isNull()).isTrue();
    }

    @Test
    void a_conversation_the_user_left_is_no_longer_in_their_inbox() {
        long alice = newUser();
        long bob = newUser();
        Conversation stays = readModel.group(alice, bob);
        Conversation left = readModel.group(alice, bob);
        readModel.leave(left, bob);

        assertThat(ids(inbox(bob, ""))).containsExactly(stays.id().toString());
        assertThat(ids(inbox(alice, "")))
                .containsExactly(left.id().toString(), stays.id().toString());
    }

    @Test
    void a_tampered_cursor_is_a_400_problem() {
        long alice = newUser();
        readModel.group(alice, newUser());
        readModel.group(alice, newUser());
        String cursor = inbox(alice, "limit=1").body().get("nextCursor").asText();
        // Change one character in the middle: still base64url, no longer the cursor we issued.
        int middle = cursor.length() / 2;
        char replacement = cursor.charAt(middle) == 'A' ? 'B' : 'A';
        String tampered = cursor.substring(0, middle) + replacement + cursor.substring(middle + 1);

        for (String bad : List.of(tampered, "not-a-cursor", "%21%21%21", cursor.substring(0, cursor.length() - 3))) {
            HttpApi.Response response = inbox(alice, "cursor=" + bad);
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.body().get("code").asText()).isEqualTo("invalid-cursor");
            assertThat(response.body().get("detail").asText()).contains("nextCursor");
        }
        assertThat(inbox(alice, "cursor=" + cursor).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "201", "abc"})
    void a_limit_outside_1_to_200_is_a_400_problem(String limit) {
        HttpApi.Response response = inbox(newUser(), "limit=" + limit);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("detail").asText()).contains("limit");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 200})
    void limits_1_and_200_are_accepted(int limit) {
        long alice = newUser();
        readModel.group(alice, newUser());
        readModel.group(alice, newUser());

        HttpApi.Response response = inbox(alice, "limit=" + limit);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("items")).hasSize(Math.min(limit, 2));
    }

    @Test
    void without_a_token_the_inbox_is_a_401_problem() {
        HttpApi.Response response = api.get("/api/inbox", null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void the_preview_skips_a_message_deleted_for_everyone() {
        long alice = newUser();
        long bob = newUser();
        Conversation group = readModel.group(alice, bob);
        long kept = readModel.send(group, bob, "kept");
        long deleted = readModel.send(group, bob, MessageType.TEXT, "oops", null, "[]");
        readModel.delete(group, deleted, bob);

        JsonNode item = inbox(alice, "").body().get("items").get(0);

        assertThat(item.get("lastMessage").get("seq").asLong()).isEqualTo(kept);
        assertThat(item.get("unreadCount").asInt()).isEqualTo(1);
    }

    private HttpApi.Response inbox(long userId, String query) {
        return api.get("/api/inbox" + (query.isEmpty() ? "" : "?" + query), token(userId));
    }

    private static List<String> ids(HttpApi.Response page) {
        List<String> ids = new ArrayList<>();
        page.body()
                .get("items")
                .forEach(item -> ids.add(item.get("conversationId").asText()));
        return ids;
    }

    /** Activity descending, then conversation id descending in PostgreSQL's uuid order (bytewise). */
    private List<String> expectedOrder(long userId) {
        record Entry(Instant activity, UUID conversationId) {}
        return readModel
                .jdbc()
                .sql("SELECT last_activity_at, conversation_id FROM user_inbox WHERE user_id = :user")
                .param("user", userId)
                .query((rs, n) -> new Entry(
                        rs.getObject(1, java.time.OffsetDateTime.class).toInstant(), rs.getObject(2, UUID.class)))
                .list()
                .stream()
                .sorted(Comparator.comparing(Entry::activity)
                        .thenComparing(e -> e.conversationId().toString())
                        .reversed())
                .map(e -> e.conversationId().toString())
                .toList();
    }
}
