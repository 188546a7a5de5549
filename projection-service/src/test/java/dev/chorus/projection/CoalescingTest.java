package dev.chorus.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.events.EventEnvelope;
import dev.chorus.projection.readmodel.ApplyResult;
import dev.chorus.projection.readmodel.ProjectionMetrics;
import dev.chorus.projection.support.ConversationScript;
import dev.chorus.projection.support.ProjectionIntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Many messages to one conversation in one batch cost one fan-out statement, not one per message. */
class CoalescingTest extends ProjectionIntegrationTest {

    private static final int MESSAGES = 50;

    @Test
    void oneBatchOfManyMessagesIsOneFanOutStatementForTheConversation() {
        ConversationScript c = ConversationScript.groupOf(1, 10);
        projector.apply(c.take());
        for (int i = 0; i < MESSAGES; i++) {
            c.send(1 + i % 3, "m" + i);
        }
        List<EventEnvelope> batch = c.take();
        double statementsBefore = counter(ProjectionMetrics.FAN_OUT_STATEMENTS);

        ApplyResult result = projector.apply(batch);

        assertThat(result.applied()).isEqualTo(MESSAGES);
        assertThat(result.fanOutStatements()).isEqualTo(1);
        assertThat(counter(ProjectionMetrics.FAN_OUT_STATEMENTS) - statementsBefore)
                .isEqualTo(1);
        assertThat(result.fanOutRows()).as("one row per member").isEqualTo(10);
        assertThat(rows().unread(10, c.id())).isEqualTo(MESSAGES);
    }

    @Test
    void readPointerHideAndMuteEventsRefreshOnlyThatMembersRow() {
        ConversationScript c = ConversationScript.groupOf(1, 10);
        c.send(1, "a").send(1, "b");
        projector.apply(c.take());
        c.read(2, 1).hide(3, 2).read(4, 2);

        ApplyResult result = projector.apply(c.take());

        assertThat(result.fanOutStatements()).isZero();
        assertThat(result.memberRefreshStatements()).isEqualTo(1);
        assertThat(List.of(2L, 3L, 4L, 5L))
                .extracting(u -> rows().unread(u, c.id()))
                .containsExactly(1, 1, 0, 2);
    }

    @Test
    void appendsMixedWithReadsAndHidesInOneBatchKeepEveryCountExact() {
        ConversationScript c = ConversationScript.groupOf(1, 6);
        c.send(1, "a").send(2, "b");
        projector.apply(c.take());
        c.send(3, "c").read(4, 3).send(1, "d").hide(5, 4).send(6, "e").read(2, 5);

        ApplyResult result = projector.apply(c.take());

        assertThat(result.fanOutStatements()).isEqualTo(1);
        assertThat(List.of(1L, 2L, 3L, 4L, 5L, 6L))
                .extracting(u -> rows().unread(u, c.id()))
                .containsExactly(1, 0, 2, 2, 4, 0);
        assertThat(rows().inboxRowsDifferingFromFormula()).isEmpty();
    }

    @Test
    void aRowThatMissedAnEarlierFanOutIsRecomputedFromTheFormulaNotShiftedByTheNewMessages() {
        ConversationScript c = ConversationScript.groupOf(1, 5);
        c.send(1, "a");
        projector.apply(c.take());
        // Whatever put it there (a hand edit, a partial restore), the row is not at the head.
        sql.sql("UPDATE user_inbox SET unread_count = 40, last_seq = 0 WHERE user_id = 3 AND conversation_id = ?")
                .param(c.id())
                .update();
        c.send(2, "b").send(2, "c");

        projector.apply(c.take());

        assertThat(rows().unread(3, c.id())).isEqualTo(3);
        assertThat(rows().inboxRowsDifferingFromFormula()).isEmpty();
    }

    @Test
    void throughKafkaTheStatementsFollowTheBatchesNotTheMessages() {
        ConversationScript c = ConversationScript.groupOf(1, 5);
        publishAndAwait(c.take());
        for (int i = 0; i < MESSAGES; i++) {
            c.send(2, "m" + i);
        }
        double statementsBefore = counter(ProjectionMetrics.FAN_OUT_STATEMENTS);
        long batchesBefore = batches();

        // Everything is waiting in the partition when the consumer polls, as under load.
        listenerContainer().stop();
        publish(c.take());
        listenerContainer().start();
        awaitProjected();

        double statements = counter(ProjectionMetrics.FAN_OUT_STATEMENTS) - statementsBefore;
        assertThat(statements).isLessThanOrEqualTo(batches() - batchesBefore).isLessThan(MESSAGES / 5.0);
        assertThat(rows().unread(1, c.id())).isEqualTo(MESSAGES);
    }
}
