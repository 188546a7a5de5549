package dev.chorus.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.events.EventEnvelope;
import dev.chorus.projection.readmodel.ApplyResult;
import dev.chorus.projection.readmodel.ProjectionMetrics;
import dev.chorus.projection.support.ConversationScript;
import dev.chorus.projection.support.ProjectionIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Any event delivered twice, any batch replayed, any older suffix redelivered after newer events,
 * and a crash between the read-model commit and the offset commit leave every row identical.
 */
class IdempotencyTest extends ProjectionIntegrationTest {

    /** Every kind of event, including a leave, a re-join, deletes, hides, mutes, late pointers. */
    static ConversationScript busyConversation() {
        ConversationScript c = ConversationScript.group(101, 102, 103, 104);
        c.send(101, "hello").send(102, "hi").sendImage(103).read(104, 2).join(105);
        c.send(105, "new here").hide(102, 3).delete(101, 1).mute(103, Instant.parse("2030-01-01T00:00:00Z"));
        c.leave(104).send(102, "bye 104").remove(101, 103).read(102, 99).add(101, 104, 106);
        c.send(106, "x".repeat(300)).mute(103, null).read(105, 7).hide(105, 9).delete(102, c.lastSeq());
        return c;
    }

    @Test
    void theSameBatchAppliedTwiceLeavesEveryTableIdentical() {
        List<EventEnvelope> batch = busyConversation().events();
        ApplyResult first = projector.apply(batch);
        assertThat(first.rejected()).isEmpty();
        assertThat(first.duplicates()).isZero();
        List<String> before = dump().all();

        ApplyResult second = projector.apply(batch);

        assertThat(dump().all()).isEqualTo(before);
        long conversationEvents =
                batch.stream().filter(e -> e.aggregateVersion() != null).count();
        assertThat(second.duplicates()).isEqualTo(conversationEvents);
        assertThat(second.rejected()).isEmpty();
    }

    @Test
    void duplicatesAndOlderSuffixesRedeliveredAfterNewerEventsChangeNothing() {
        ConversationScript c = busyConversation();
        List<EventEnvelope> all = c.events();
        List<EventEnvelope> reference = all;

        publishAndAwait(all);
        // a relay restart republishes a suffix; an at-least-once producer duplicates single events
        publishAndAwait(all.subList(all.size() / 2, all.size()));
        List<EventEnvelope> everyOtherTwice = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            everyOtherTwice.add(all.get(i));
            if (i % 2 == 0) {
                everyOtherTwice.add(all.get(i));
            }
        }
        publishAndAwait(everyOtherTwice);
        List<EventEnvelope> reversed = new ArrayList<>(all);
        Collections.reverse(reversed);
        publishAndAwait(reversed);

        SchemaProjector clean = projectorInFreshSchema(LARGE_GROUP_THRESHOLD);
        clean.projector().apply(reference);
        assertThat(dump().ofConversations("", List.of(c.id())))
                .isEqualTo(dump().ofConversations(clean.schema(), List.of(c.id())));
    }

    @Test
    void aRestartBetweenTheDatabaseCommitAndTheOffsetCommitLeavesRowsIdentical() {
        publishAndAwait(busyConversation().events());
        publishAndAwait(busyConversation().events());
        List<String> before = dump().all();
        double duplicatesBefore = counter(ProjectionMetrics.EVENTS_DUPLICATE);

        // What a crash after the read-model commit but before the offset commit looks like: the
        // group's offsets lag behind what the database already holds, and everything is redelivered.
        listenerContainer().stop();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> admin().alterConsumerGroupOffsets(
                        GROUP, committedOffsetsRewoundToZero())
                .all()
                .get());
        listenerContainer().start();
        awaitProjected();

        assertThat(counter(ProjectionMetrics.EVENTS_DUPLICATE))
                .as("the batches really were delivered again")
                .isGreaterThan(duplicatesBefore);
        assertThat(dump().all()).isEqualTo(before);
    }

    @Test
    void rebuildingFromTheEventStreamYieldsExactlyTheLiveRows() {
        List<ConversationScript> conversations = List.of(busyConversation(), busyConversation(), busyConversation());
        List<EventEnvelope> stream = new ArrayList<>();
        conversations.forEach(c -> stream.addAll(c.events()));
        // live: through Kafka, with a duplicated suffix
        publishAndAwait(stream);
        publishAndAwait(stream.subList(stream.size() - 10, stream.size()));

        List<UUID> ids = conversations.stream().map(ConversationScript::id).toList();
        List<String> live = dump().ofConversations("", ids);
        // rebuild in one batch, and in small pages that cut conversations at other points
        SchemaProjector oneBatch = projectorInFreshSchema(LARGE_GROUP_THRESHOLD);
        oneBatch.projector().apply(stream);
        SchemaProjector paged = projectorInFreshSchema(LARGE_GROUP_THRESHOLD);
        for (int from = 0; from < stream.size(); from += 7) {
            paged.projector().apply(stream.subList(from, Math.min(stream.size(), from + 7)));
        }

        assertThat(dump().ofConversations(oneBatch.schema(), ids)).isEqualTo(live);
        assertThat(dump().ofConversations(paged.schema(), ids)).isEqualTo(live);
    }

    private Map<TopicPartition, OffsetAndMetadata> committedOffsetsRewoundToZero() throws Exception {
        return admin().listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get().keySet().stream()
                .collect(Collectors.toMap(Function.identity(), tp -> new OffsetAndMetadata(0)));
    }
}
