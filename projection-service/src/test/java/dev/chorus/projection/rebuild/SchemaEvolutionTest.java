package dev.chorus.projection.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chorus.events.ConversationCreated;
import dev.chorus.events.ConversationType;
import dev.chorus.events.EventCodec;
import dev.chorus.events.Member;
import dev.chorus.events.MemberRole;
import dev.chorus.events.MessageSent;
import dev.chorus.events.MessageType;
import dev.chorus.projection.rebuild.EventStoreWriter.Pending;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * MessageSent is at schema version 2 (v1 called the body {@code text} and had no attachments).
 * Events stored in the v1 shape, and no longer on Kafka, are upcast when the read model is rebuilt
 * from the event store: history shows their bodies.
 */
class SchemaEvolutionTest extends RebuildTestBase {

    @Test
    void messagesStoredInTheVersion1ShapeAreUpcastOnRebuild() {
        UUID conversation = UUID.randomUUID();
        Instant at = Instant.parse("2024-05-01T10:00:00Z");
        eventStore()
                .append(List.of(new Pending(
                        new ConversationCreated(
                                conversation,
                                ConversationType.GROUP,
                                "old times",
                                41,
                                List.of(new Member(41, MemberRole.ADMIN), new Member(42, MemberRole.MEMBER)),
                                at),
                        0L)));
        storeVersion1(conversation, 1, 41, "hello from schema v1", at.plusSeconds(1), 1);
        storeVersion1(conversation, 2, 42, "v1 again", at.plusSeconds(2), 2);
        eventStore()
                .append(List.of(new Pending(
                        new MessageSent(
                                conversation,
                                3,
                                UUID.randomUUID(),
                                null,
                                41,
                                MessageType.TEXT,
                                "and now v2",
                                null,
                                List.of(),
                                at.plusSeconds(3)),
                        3L)));
        assertThat(eventStore()
                        .jdbc()
                        .queryForList(
                                "SELECT payload_revision FROM domain_event_entry WHERE aggregate_identifier = ?"
                                        + " AND payload_type = ? ORDER BY sequence_number",
                                String.class,
                                conversation.toString(),
                                MessageSent.class.getName()))
                .containsExactly("1", "1", "2");

        // Never published: Kafka's retention dropped these long ago; the event store has them.
        assertThat(rebuilds.fullRebuild().rejected()).isZero();

        assertThat(sql.sql("SELECT seq, body, attachments::text FROM message WHERE conversation_id = ? ORDER BY seq")
                        .param(conversation)
                        .query((rs, i) -> rs.getLong(1) + ":" + rs.getString(2) + ":" + rs.getString(3))
                        .list())
                .containsExactly("1:hello from schema v1:[]", "2:v1 again:[]", "3:and now v2:[]");
        assertThat(rows().conversation(conversation).lastMessagePreview()).isEqualTo("and now v2");
        // 42 read up to its own message (seq 2), then 41 sent seq 3.
        assertThat(rows().unread(42, conversation)).isEqualTo(1);
        assertThat(rows().unread(41, conversation)).isEqualTo(0);
    }

    /** A MessageSent exactly as schema version 1 wrote it: {@code text}, no {@code attachments}. */
    private static void storeVersion1(UUID conversation, long seq, long sender, String text, Instant at, long version) {
        ObjectNode v1 = JsonNodeFactory.instance.objectNode();
        v1.put("conversationId", conversation.toString());
        v1.put("seq", seq);
        v1.put("messageId", UUID.randomUUID().toString());
        v1.put("senderId", sender);
        v1.put("messageType", "TEXT");
        v1.put("text", text);
        v1.put("sentAt", at.toString());
        MessageSent decoded = (MessageSent)
                EventCodec.decodePayload("MessageSent", 1, v1.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(decoded.body()).isEqualTo(text);
        eventStore().append(decoded, version, 1, v1.toString().getBytes(StandardCharsets.UTF_8));
    }
}
