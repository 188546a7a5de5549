package dev.chorus.query.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chorus.events.ConversationType;
import dev.chorus.query.testing.HttpApi;
import dev.chorus.query.testing.QueryServiceTest;
import dev.chorus.query.testing.ReadModelFixture.Conversation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConversationAndReceiptsTest extends QueryServiceTest {

    private long admin;
    private long bob;
    private long carol;
    private long dave;
    private Conversation group;
    private long first;
    private long second;

    @BeforeEach
    void groupWithReaders() {
        admin = newUser();
        bob = newUser();
        carol = newUser();
        dave = newUser();
        group = readModel.conversation(ConversationType.GROUP, "team", admin, bob, carol, dave);
        first = readModel.send(group, admin, "first");
        second = readModel.send(group, admin, "second");
        readModel.markRead(group, bob, second);
        readModel.markRead(group, carol, first);
    }

    @Test
    void detail_shows_head_members_roles_and_read_pointers() {
        Instant muted = Instant.parse("2031-02-03T04:05:06Z");
        readModel.mute(group, bob, muted);

        HttpApi.Response response = detail(bob);

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.body();
        assertThat(body.get("conversationId").asText()).isEqualTo(group.id().toString());
        assertThat(body.get("type").asText()).isEqualTo("GROUP");
        assertThat(body.get("title").asText()).isEqualTo("team");
        assertThat(body.get("createdBy").asLong()).isEqualTo(admin);
        assertThat(body.get("memberCount").asInt()).isEqualTo(4);
        assertThat(body.get("lastSeq").asLong()).isEqualTo(second);
        assertThat(body.get("lastMessage").get("preview").asText()).isEqualTo("second");
        assertThat(Instant.parse(body.get("mutedUntil").asText())).isEqualTo(muted);
        assertThat(members(body))
                .containsExactly(
                        admin + ":ADMIN:" + second,
                        bob + ":MEMBER:" + second,
                        carol + ":MEMBER:" + first,
                        dave + ":MEMBER:0");

        // mutedUntil is the caller's own.
        assertThat(detail(carol).body().get("mutedUntil").isNull()).isTrue();
    }

    @Test
    void detail_lists_active_members_only_and_is_for_members_only() {
        readModel.leave(group, dave);
        long erin = newUser();
        long joined = readModel.join(group, admin, erin);

        JsonNode body = detail(erin).body();

        assertThat(body.get("memberCount").asInt()).isEqualTo(4);
        assertThat(members(body))
                .hasSize(4)
                .contains(erin + ":MEMBER:" + joined)
                .noneMatch(m -> m.startsWith(dave + ":"));
        JsonNode erinState = body.get("members").get(3);
        assertThat(erinState.get("joinedSeq").asLong()).isEqualTo(joined);

        assertThat(detail(dave).status()).isEqualTo(403);
        assertThat(detail(newUser()).status()).isEqualTo(403);
        HttpApi.Response unknown = api.get("/api/conversations/" + UUID.randomUUID(), token(admin));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }

    @Test
    void receipts_split_active_members_except_the_sender_by_read_pointer() {
        HttpApi.Response ofFirst = receipts(carol, first);
        assertThat(ofFirst.status()).isEqualTo(200);
        assertThat(ofFirst.body().get("seq").asLong()).isEqualTo(first);
        assertThat(longs(ofFirst.body().get("readBy"))).containsExactly(bob, carol);
        assertThat(longs(ofFirst.body().get("notReadBy"))).containsExactly(dave);

        HttpApi.Response ofSecond = receipts(carol, second);
        assertThat(longs(ofSecond.body().get("readBy"))).containsExactly(bob);
        assertThat(longs(ofSecond.body().get("notReadBy"))).containsExactly(carol, dave);
    }

    @Test
    void receipts_leave_out_members_who_left_and_count_later_joiners_as_read() {
        long byBob = readModel.send(group, bob, "from bob");
        readModel.leave(group, dave);
        long erin = newUser();
        readModel.join(group, admin, erin);

        JsonNode body = receipts(admin, byBob).body();

        assertThat(longs(body.get("readBy"))).containsExactly(erin);
        assertThat(longs(body.get("notReadBy"))).containsExactly(admin, carol);
    }

    @Test
    void receipts_of_an_unknown_seq_are_404_and_for_members_only() {
        HttpApi.Response unknown = receipts(admin, 999);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("code").asText()).isEqualTo("message-not-found");

        assertThat(receipts(newUser(), first).status()).isEqualTo(403);
        assertThat(receipts(admin, 0).status()).isEqualTo(400);
    }

    private HttpApi.Response detail(long userId) {
        return api.get("/api/conversations/" + group.id(), token(userId));
    }

    private HttpApi.Response receipts(long userId, long seq) {
        return api.get("/api/conversations/" + group.id() + "/messages/" + seq + "/receipts", token(userId));
    }

    private static List<String> members(JsonNode body) {
        List<String> members = new ArrayList<>();
        body.get("members")
                .forEach(m -> members.add(m.get("userId").asLong() + ":"
                        + m.get("role").asText() + ":" + m.get("readSeq").asLong()));
        return members;
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asLong()));
        return values;
    }
}
