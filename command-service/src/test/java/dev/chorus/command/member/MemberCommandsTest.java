package dev.chorus.command.member;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.command.CommandServiceTestBase;
import dev.chorus.command.HttpApi;
import dev.chorus.events.ConsistencyToken;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Read pointers, hides and mutes over HTTP: their semantics and their idempotency. */
class MemberCommandsTest extends CommandServiceTestBase {

    long alice;
    long bob;
    long carol;
    UUID conversation;
    String base;

    @BeforeEach
    void conversationWithMessages() {
        alice = newUser();
        bob = newUser();
        carol = newUser();
        conversation = createGroup(alice, bob);
        base = "/api/conversations/" + conversation;
        for (int i = 0; i < 3; i++) {
            assertThat(sendText(alice, conversation, UUID.randomUUID(), "m" + i).status())
                    .isEqualTo(201);
        }
    }

    @Test
    void aJoiningMemberStartsReadingAtTheJoin() {
        assertThat(api.post(alice, base + "/members", "{\"userIds\": [" + carol + "]}")
                        .status())
                .isEqualTo(202);
        HttpApi.Response read = api.post(carol, base + "/read", "{\"upToSeq\": 0}");
        assertThat(read.status()).isEqualTo(202);
        assertThat(read.json().path("readSeq").asLong()).isEqualTo(4); // seqs 1-3 messages, 4 the join
    }

    @Test
    void sendingMovesTheSendersPointerWithoutAnEvent() {
        HttpApi.Response sent = sendText(bob, conversation, UUID.randomUUID(), "mine");
        long before = eventCount();
        HttpApi.Response read = api.post(bob, base + "/read", "{\"upToSeq\": 2}");
        assertThat(read.json().path("readSeq").asLong())
                .isEqualTo(sent.json().path("seq").asLong());
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void aRejoiningMembersVersionKeepsGrowing() {
        assertThat(api.post(alice, base + "/members", "{\"userIds\": [" + carol + "]}")
                        .status())
                .isEqualTo(202);
        HttpApi.Response firstMute = api.put(carol, base + "/mute", "{\"until\": \"2999-01-01T00:00:00Z\"}");
        assertThat(api.delete(carol, base + "/members/" + carol).status()).isEqualTo(202);
        assertThat(api.post(carol, base + "/read", "{\"upToSeq\": 1}").status()).isEqualTo(403);
        assertThat(api.post(alice, base + "/members", "{\"userIds\": [" + carol + "]}")
                        .status())
                .isEqualTo(202);
        HttpApi.Response secondMute = api.put(carol, base + "/mute", "{\"until\": null}");
        assertThat(memberVersion(firstMute)).isEqualTo(1);
        assertThat(memberVersion(secondMute)).isEqualTo(2);
    }

    @Test
    void hidingTwiceAppendsOnce() {
        long before = eventCount();
        HttpApi.Response first = api.delete(bob, base + "/messages/2?scope=me");
        HttpApi.Response again = api.delete(bob, base + "/messages/2?scope=me");
        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.token()).isEqualTo(first.token());
        assertThat(eventCount()).isEqualTo(before + 1);
    }

    @Test
    void mutingToTheSameInstantTwiceAppendsOnceAndUnmutingAppendsAgain() {
        long before = eventCount();
        String until = "{\"until\": \"2999-01-01T00:00:00Z\"}";
        HttpApi.Response first = api.put(bob, base + "/mute", until);
        HttpApi.Response again = api.put(bob, base + "/mute", until);
        HttpApi.Response unmute = api.put(bob, base + "/mute", "{\"until\": null}");
        assertThat(first.status()).isEqualTo(202);
        assertThat(again.token()).isEqualTo(first.token());
        assertThat(memberVersion(unmute)).isEqualTo(memberVersion(first) + 1);
        assertThat(eventCount()).isEqualTo(before + 2);
    }

    private static long memberVersion(HttpApi.Response response) {
        return ((ConsistencyToken.MemberAt) ConsistencyToken.decode(response.token())).memberVersion();
    }
}
