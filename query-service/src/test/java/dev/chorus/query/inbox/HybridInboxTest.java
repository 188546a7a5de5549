package dev.chorus.query.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chorus.query.testing.HttpApi;
import dev.chorus.query.testing.QueryServiceTest;
import dev.chorus.query.testing.ReadModelFixture;
import dev.chorus.query.testing.ReadModelFixture.Conversation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Large groups have no user_inbox rows (fan-out on read); their entries are computed from membership
 * and the conversation head and merged into the page. The fixture writes user_inbox rows for ordinary
 * conversations with the architecture's literal unread formula, so comparing both paths checks the
 * computed one against the specification.
 */
class HybridInboxTest extends QueryServiceTest {

    @Test
    void computed_unread_counts_follow_every_rule_of_the_formula() {
        long alice = newUser();
        Conversation small = readModel.group(newUser(), alice);
        Conversation large = readModel.largeConversation(newUser(), alice);

        int expectedSmall = playUnreadScenario(small, alice);
        int expectedLarge = playUnreadScenario(large, alice);

        Map<String, JsonNode> items = byId(inbox(alice, "").body());
        assertThat(items).hasSize(2);
        JsonNode computed = items.get(large.id().toString());
        JsonNode fannedOut = items.get(small.id().toString());
        assertThat(computed.get("unreadCount").asInt())
                .isEqualTo(expectedLarge)
                .isEqualTo(readModel.specUnread(large, alice))
                .isEqualTo(fannedOut.get("unreadCount").asInt())
                .isEqualTo(expectedSmall)
                .isEqualTo(2);
        assertThat(computed.get("lastReadSeq").asLong())
                .isEqualTo(fannedOut.get("lastReadSeq").asLong());
        assertThat(computed.get("mutedUntil").asText())
                .isEqualTo(fannedOut.get("mutedUntil").asText());
        assertThat(computed.get("lastMessage").get("seq").asLong())
                .isEqualTo(fannedOut.get("lastMessage").get("seq").asLong());
        assertThat(computed.get("title").asText()).startsWith("large group");
    }

    /**
     * Messages after alice's pointer: one that counts, one deleted, one hidden, one hidden and then
     * deleted (must not be subtracted twice), a SYSTEM join, another that counts, and alice's own.
     * Before the pointer: one that counts nothing. Returns the expected unread count, 2.
     */
    private int playUnreadScenario(Conversation conversation, long alice) {
        long bob = newUser();
        long carol = newUser();
        readModel.join(conversation, alice, bob);
        readModel.join(conversation, alice, carol);
        long read = readModel.send(conversation, bob, "before the pointer");
        readModel.markRead(conversation, alice, read);
        readModel.send(conversation, bob, "counts");
        long deleted = readModel.send(conversation, bob, "deleted for everyone");
        long hidden = readModel.send(conversation, carol, "hidden by alice");
        long hiddenThenDeleted = readModel.send(conversation, carol, "hidden, then deleted");
        readModel.delete(conversation, deleted, bob);
        readModel.hide(conversation, alice, hidden);
        readModel.hide(conversation, alice, hiddenThenDeleted);
        readModel.delete(conversation, hiddenThenDeleted, carol);
        readModel.hide(conversation, bob, readModel.send(conversation, carol, "counts, hidden by bob only"));
        readModel.join(conversation, bob, newUser());
        readModel.mute(conversation, alice, Instant.parse("2031-01-01T00:00:00Z"));
        return 2;
    }

    @Test
    void own_messages_do_not_count_and_reading_everything_clears_the_count() {
        long alice = newUser();
        long bob = newUser();
        long carol = newUser();
        Conversation large = readModel.largeConversation(bob, alice, carol);
        readModel.send(large, bob, "one");
        readModel.send(large, bob, "two");
        assertThat(unreadOf(alice, large)).isEqualTo(2);

        long own = readModel.send(large, alice, "mine");
        assertThat(unreadOf(alice, large)).isZero();

        readModel.send(large, bob, "three");
        assertThat(unreadOf(alice, large)).isEqualTo(1);
        readModel.markRead(large, alice, own + 1);
        assertThat(unreadOf(alice, large)).isZero().isEqualTo(readModel.specUnread(large, alice));
        assertThat(unreadOf(bob, large)).isZero().isEqualTo(readModel.specUnread(large, bob));
        assertThat(unreadOf(carol, large)).isEqualTo(4).isEqualTo(readModel.specUnread(large, carol));
    }

    @Test
    void one_page_order_across_both_kinds_with_ties_between_them() {
        long alice = newUser();
        List<Conversation> conversations = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            conversations.add(readModel.group(newUser(), alice));
            conversations.add(readModel.largeConversation(newUser(), alice));
        }
        for (Conversation conversation : conversations) {
            readModel.send(conversation, alice, "hello");
        }
        // Two small and two large conversations share one activity time.
        Instant tie = ReadModelFixture.tick();
        for (Conversation tied : conversations.subList(2, 6)) {
            readModel.setActivity(tied, tie);
        }
        // A large group alice left does not appear.
        Conversation left = readModel.largeConversation(newUser(), alice);
        readModel.leave(left, alice);
        List<String> expected = expectedOrder(alice);
        assertThat(expected).hasSize(8);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            HttpApi.Response page = inbox(alice, "limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            page.body()
                    .get("items")
                    .forEach(item -> seen.add(item.get("conversationId").asText()));
            cursor = page.body().get("nextCursor").isNull()
                    ? null
                    : page.body().get("nextCursor").asText();
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void a_group_that_crosses_the_threshold_reads_the_same_either_way() {
        long alice = newUser();
        Conversation group = readModel.group(newUser(), alice);
        playUnreadScenario(group, alice);
        JsonNode fannedOut = inbox(alice, "").body().get("items").get(0);

        // What projection-service does when the group grows past the threshold, in one transaction:
        // drop its inbox rows and flag the head and every membership as fanned out on read.
        readModel
                .jdbc()
                .sql("DELETE FROM user_inbox WHERE conversation_id = :id")
                .param("id", group.id())
                .update();
        readModel
                .jdbc()
                .sql("UPDATE conversation SET fanned_out_on_read = true WHERE conversation_id = :id")
                .param("id", group.id())
                .update();
        readModel
                .jdbc()
                .sql("UPDATE conversation_member SET fanned_out_on_read = true WHERE conversation_id = :id")
                .param("id", group.id())
                .update();
        JsonNode computed = inbox(alice, "").body().get("items").get(0);

        assertThat(computed).isEqualTo(fannedOut);
    }

    private HttpApi.Response inbox(long userId, String query) {
        return api.get("/api/inbox" + (query.isEmpty() ? "" : "?" + query), token(userId));
    }

    private int unreadOf(long userId, Conversation conversation) {
        return byId(inbox(userId, "").body())
                .get(conversation.id().toString())
                .get("unreadCount")
                .asInt();
    }

    private static Map<String, JsonNode> byId(JsonNode page) {
        Map<String, JsonNode> items = new LinkedHashMap<>();
        page.get("items").forEach(item -> items.put(item.get("conversationId").asText(), item));
        return items;
    }

    /** All of the user's active memberships by the conversation's activity, then id, descending. */
    private List<String> expectedOrder(long userId) {
        record Entry(Instant activity, UUID conversationId) {}
        return readModel
                .jdbc()
                .sql(
                        """
                        SELECT c.last_activity_at, c.conversation_id FROM conversation c
                        JOIN conversation_member cm ON cm.conversation_id = c.conversation_id
                        WHERE cm.user_id = :user AND cm.active
                        """)
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
