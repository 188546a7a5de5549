package dev.chorus.command.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.command.CommandServiceTestBase;
import dev.chorus.command.HttpApi;
import java.time.Duration;
import java.util.UUID;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/** A busy conversation is snapshotted, and a conversation evicted from the cache is sourced from its snapshot. */
class SnapshotTest extends CommandServiceTestBase {

    @Autowired
    @Qualifier("conversationCache")
    Cache conversationCache;

    @Test
    void aConversationComesBackFromItsSnapshotWithItsState() {
        long alice = newUser();
        long bob = newUser();
        long carol = newUser();
        UUID conversation = createGroup(alice, bob);
        String base = "/api/conversations/" + conversation;
        for (int i = 1; i <= 12; i++) {
            assertThat(sendText(i % 2 == 0 ? alice : bob, conversation, UUID.randomUUID(), "m" + i)
                            .status())
                    .isEqualTo(201);
        }
        // The threshold in tests is 5 events: at least one snapshot, written after the commit.
        String snapshot = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> jdbc.sql(
                                        """
                                        SELECT convert_from(payload, 'UTF8') FROM snapshot_event_entry
                                         WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1""")
                                .param(conversation.toString())
                                .query(String.class)
                                .optional()
                                .orElse(null),
                        s -> s != null);
        assertThat(snapshot).contains("\"lastSeq\"").contains("\"members\"");

        conversationCache.removeAll();

        HttpApi.Response sent = sendText(bob, conversation, UUID.randomUUID(), "after the cache was emptied");
        assertThat(sent.status()).as(sent.raw()).isEqualTo(201);
        assertThat(sent.json().path("seq").asLong()).isEqualTo(13);
        // Membership and roles survived the snapshot: a plain member still may not add, a stranger may not send.
        assertThat(api.post(bob, base + "/members", "{\"userIds\": [" + carol + "]}")
                        .status())
                .isEqualTo(403);
        assertThat(sendText(carol, conversation, UUID.randomUUID(), "x").status())
                .isEqualTo(403);
        assertThat(api.post(alice, base + "/members", "{\"userIds\": [" + carol + "]}")
                        .status())
                .isEqualTo(202);
    }
}
