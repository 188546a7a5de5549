package dev.chorus.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chorus.query.testing.HttpApi;
import dev.chorus.query.testing.QueryServiceTest;
import dev.chorus.query.testing.ReadModelFixture.Conversation;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SearchTest extends QueryServiceTest {

    private long alice;
    private long bob;
    private String word;
    private Conversation shared;

    @BeforeEach
    void word() {
        alice = newUser();
        bob = newUser();
        // A word no other test writes, so results come only from this test's messages.
        word = "zebra" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        shared = readModel.group(alice, bob);
    }

    @Test
    void finds_messages_by_word_newest_first() {
        long older = readModel.send(shared, bob, "the " + word + " crossed the road");
        readModel.send(shared, bob, "nothing to see here");
        Conversation other = readModel.group(bob, alice);
        long newer = readModel.send(other, alice, "Another " + word.toUpperCase() + ", loudly!");

        HttpApi.Response response = search(alice, "q=" + word);

        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> hits = hits(response);
        assertThat(hits).hasSize(2);
        assertThat(hits.get(0).get("conversationId").asText())
                .isEqualTo(other.id().toString());
        assertThat(hits.get(0).get("seq").asLong()).isEqualTo(newer);
        assertThat(hits.get(0).get("senderId").asLong()).isEqualTo(alice);
        assertThat(hits.get(0).get("body").asText()).isEqualTo("Another " + word.toUpperCase() + ", loudly!");
        assertThat(hits.get(1).get("seq").asLong()).isEqualTo(older);
        assertThat(hits.get(1).get("type").asText()).isEqualTo("TEXT");
        assertThat(hits.get(1).get("messageId").asText()).isNotBlank();
        assertThat(hits.get(1).get("sentAt").asText()).isNotBlank();
        assertThat(response.body().get("nextCursor").isNull()).isTrue();
    }

    @Test
    void phrases_and_several_words_narrow_the_search() {
        long both = readModel.send(shared, bob, word + " and giraffe");
        readModel.send(shared, bob, word + " alone");

        assertThat(seqs(search(alice, "q=" + encode(word + " giraffe")))).containsExactly(both);
        assertThat(seqs(search(alice, "q=" + encode("\"" + word + " and\"")))).containsExactly(both);
    }

    @Test
    void never_finds_hidden_deleted_or_other_peoples_messages() {
        long visible = readModel.send(shared, bob, word + " visible");
        long hidden = readModel.send(shared, bob, word + " hidden by alice");
        long deleted = readModel.send(shared, bob, word + " deleted for everyone");
        readModel.hide(shared, alice, hidden);
        readModel.delete(shared, deleted, bob);
        Conversation notAlices = readModel.group(bob, newUser());
        readModel.send(notAlices, bob, word + " in a conversation alice is not in");
        Conversation aliceLeft = readModel.group(bob, alice);
        readModel.send(aliceLeft, bob, word + " before alice left");
        readModel.leave(aliceLeft, alice);

        assertThat(seqs(search(alice, "q=" + word))).containsExactly(visible);
        // Hiding is per user: bob still finds it; nobody finds the deleted one.
        assertThat(seqs(search(bob, "q=" + word + "&conversationId=" + shared.id())))
                .containsExactly(hidden, visible);
    }

    @Test
    void pages_with_a_cursor_and_filters_by_conversation() {
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(readModel.send(shared, bob, word + " number " + i));
        }
        Conversation other = readModel.group(alice, bob);
        readModel.send(other, alice, word + " elsewhere");

        HttpApi.Response first = search(alice, "q=" + word + "&conversationId=" + shared.id() + "&limit=3");
        assertThat(seqs(first)).containsExactly(sent.get(4), sent.get(3), sent.get(2));
        String cursor = first.body().get("nextCursor").asText();
        HttpApi.Response second =
                search(alice, "q=" + word + "&conversationId=" + shared.id() + "&limit=3&cursor=" + cursor);
        assertThat(seqs(second)).containsExactly(sent.get(1), sent.get(0));
        assertThat(second.body().get("nextCursor").isNull()).isTrue();

        assertThat(hits(search(alice, "q=" + word))).hasSize(6);
    }

    @Test
    void bad_requests_are_400_and_a_foreign_conversation_403() {
        for (String bad :
                List.of("q=", "q=%20%20", "limit=5", "q=x&limit=0", "q=x&cursor=bogus", "q=x&conversationId=nope")) {
            HttpApi.Response response = search(alice, bad);
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        Conversation notAlices = readModel.group(bob, newUser());
        assertThat(search(alice, "q=x&conversationId=" + notAlices.id()).status())
                .isEqualTo(403);
        assertThat(search(alice, "q=x&conversationId=" + UUID.randomUUID()).status())
                .isEqualTo(404);
        // Punctuation only: no words to look for, so nothing is found (not an error).
        HttpApi.Response punctuation = search(alice, "q=" + encode("?!"));
        assertThat(punctuation.status()).isEqualTo(200);
        assertThat(hits(punctuation)).isEmpty();
    }

    private HttpApi.Response search(long userId, String query) {
        return api.get("/api/search?" + query, token(userId));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static List<JsonNode> hits(HttpApi.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<JsonNode> hits = new ArrayList<>();
        response.body().get("items").forEach(hits::add);
        return hits;
    }

    private static List<Long> seqs(HttpApi.Response response) {
        return hits(response).stream().map(hit -> hit.get("seq").asLong()).toList();
    }
}
