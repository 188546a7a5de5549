package dev.chorus.command.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.command.CommandServiceTestBase;
import dev.chorus.command.HttpApi;
import dev.chorus.command.TopicReader;
import dev.chorus.events.ConsistencyToken;
import dev.chorus.events.ConversationCreated;
import dev.chorus.events.EventCodec;
import dev.chorus.events.EventEnvelope;
import dev.chorus.events.MemberEvent;
import dev.chorus.events.MemberRemoved;
import dev.chorus.events.MembersAdded;
import dev.chorus.events.MessageDeleted;
import dev.chorus.events.MessageHidden;
import dev.chorus.events.MessageSent;
import dev.chorus.events.ReadPointerMoved;
import dev.chorus.testsupport.TestInfrastructure;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Commands over HTTP, then the events read back from Kafka: complete, in order, in the shared wire format. */
class RelayToKafkaTest extends CommandServiceTestBase {

    TopicReader topic;

    @BeforeEach
    void openTopic() {
        topic = new TopicReader(TestInfrastructure.get().bootstrapServers(), TOPIC);
    }

    @AfterEach
    void closeTopic() {
        topic.close();
    }

    @Test
    void everyCommandsEventsArriveInOrderKeyedByConversation() {
        long alice = newUser();
        long bob = newUser();
        long carol = newUser();
        UUID conversation = createGroup(alice, bob);
        String base = "/api/conversations/" + conversation;
        assertThat(api.post(alice, base + "/members", HttpApi.json(Map.of("userIds", List.of(carol))))
                        .status())
                .isEqualTo(202);
        for (int i = 1; i <= 7; i++) {
            assertThat(sendText(i % 2 == 0 ? bob : carol, conversation, UUID.randomUUID(), "message " + i)
                            .status())
                    .isEqualTo(201);
        }
        assertThat(api.delete(carol, base + "/members/" + carol).status()).isEqualTo(202);
        assertThat(api.delete(alice, base + "/messages/3?scope=everyone").status())
                .isEqualTo(202);
        HttpApi.Response read = api.post(alice, base + "/read", "{\"upToSeq\": 5}");
        assertThat(read.status()).isEqualTo(202);
        assertThat(read.json().path("readSeq").asLong()).isEqualTo(5);
        assertThat(api.delete(bob, base + "/messages/2?scope=me").status()).isEqualTo(202);
        HttpApi.Response mute = api.put(bob, base + "/mute", "{\"until\": \"2999-01-01T00:00:00Z\"}");
        assertThat(mute.status()).isEqualTo(202);

        // 1 created + 1 added + 7 messages + 1 left + 1 deleted = 11 aggregate events; 3 member events.
        List<TopicReader.Record> records = awaitRecords(conversation, 14);
        List<EventEnvelope> envelopes =
                records.stream().map(TopicReader.Record::envelope).toList();

        assertThat(records).allSatisfy(r -> assertThat(r.key()).isEqualTo(conversation.toString()));
        assertThat(records.stream().map(TopicReader.Record::partition).distinct())
                .hasSize(1);
        assertThat(envelopes.stream().map(EventEnvelope::position)).isSorted().doesNotHaveDuplicates();

        List<EventEnvelope> aggregateEvents = envelopes.stream()
                .filter(e -> !(e.payload() instanceof MemberEvent))
                .toList();
        assertThat(aggregateEvents.stream().map(EventEnvelope::aggregateVersion))
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(aggregateEvents.stream().map(e -> e.payload().getClass().getSimpleName()))
                .containsExactly(
                        "ConversationCreated",
                        "MembersAdded",
                        "MessageSent",
                        "MessageSent",
                        "MessageSent",
                        "MessageSent",
                        "MessageSent",
                        "MessageSent",
                        "MessageSent",
                        "MemberRemoved",
                        "MessageDeleted");
        assertThat(aggregateEvents.stream().map(e -> seqOf(e)).filter(s -> s > 0))
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(((ConversationCreated) aggregateEvents.get(0).payload()).members())
                .hasSize(2);
        assertThat(((MessageDeleted) aggregateEvents.get(10).payload()).seq()).isEqualTo(3);

        List<EventEnvelope> memberEvents = envelopes.stream()
                .filter(e -> e.payload() instanceof MemberEvent)
                .toList();
        assertThat(memberEvents)
                .allSatisfy(e -> assertThat(e.aggregateVersion()).isNull());
        assertThat(memberEvents.stream().map(e -> e.payload().getClass().getSimpleName()))
                .containsExactly("ReadPointerMoved", "MessageHidden", "ConversationMuted");
        ReadPointerMoved moved = (ReadPointerMoved) memberEvents.get(0).payload();
        assertThat(moved.userId()).isEqualTo(alice);
        assertThat(moved.readSeq()).isEqualTo(5);
        assertThat(moved.memberVersion()).isEqualTo(1);
        assertThat(((MessageHidden) memberEvents.get(1).payload()).memberVersion())
                .isEqualTo(1);
        assertThat(ConsistencyToken.decode(mute.token()))
                .isEqualTo(new ConsistencyToken.MemberAt(conversation, bob, 2));
        assertThat(ConsistencyToken.decode(read.token()))
                .isEqualTo(new ConsistencyToken.MemberAt(conversation, alice, 1));

        // The value is exactly the shared wire format: re-encoding the decoded envelope gives the same bytes.
        assertThat(records)
                .allSatisfy(r -> assertThat(EventCodec.encode(r.envelope())).isEqualTo(r.value()));
    }

    @Test
    void theEventStoreHoldsPayloadsInTheSharedJsonWithTheSchemaVersionAsRevision() {
        long alice = newUser();
        long bob = newUser();
        UUID conversation = createGroup(alice, bob);
        sendText(bob, conversation, UUID.randomUUID(), "stored as shared JSON");
        record Stored(String type, String revision, byte[] payload, long sequence) {}
        List<Stored> rows = jdbc.sql(
                        """
                        SELECT payload_type, payload_revision, payload, sequence_number FROM domain_event_entry
                         WHERE aggregate_identifier = ? ORDER BY sequence_number""")
                .param(conversation.toString())
                .query((rs, n) -> new Stored(rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getLong(4)))
                .list();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).type()).isEqualTo(MessageSent.class.getName());
        assertThat(rows.get(1).revision()).isEqualTo("2");
        MessageSent sent = (MessageSent)
                EventCodec.decodePayload(rows.get(1).type(), 2, rows.get(1).payload());
        assertThat(sent.body()).isEqualTo("stored as shared JSON");
        assertThat(EventCodec.encodePayload(sent)).isEqualTo(rows.get(1).payload());

        List<TopicReader.Record> records = awaitRecords(conversation, 2);
        assertThat(records.get(1).envelope().payload()).isEqualTo(sent);
    }

    private List<TopicReader.Record> awaitRecords(UUID conversation, int count) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> topic.poll(conversation), r -> r.size() >= count);
    }

    private static long seqOf(EventEnvelope envelope) {
        Object p = envelope.payload();
        if (p instanceof MessageSent m) {
            return m.seq();
        }
        if (p instanceof MembersAdded m) {
            return m.seq();
        }
        if (p instanceof MemberRemoved m) {
            return m.seq();
        }
        return 0;
    }

    @SuppressWarnings("unused")
    private static String describe(List<EventEnvelope> envelopes) {
        return Arrays.toString(envelopes.toArray());
    }
}
