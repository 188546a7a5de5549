package dev.chorus.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.projection.readmodel.ProjectionMetrics;
import dev.chorus.projection.support.ConversationScript;
import dev.chorus.projection.support.ProjectionIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A batch the database refuses is retried with back-off until it succeeds: never skipped, never half-applied. */
class DatabaseFailureTest extends ProjectionIntegrationTest {

    @Test
    void aFailingBatchIsRetriedUntilTheDatabaseAcceptsIt() {
        ConversationScript c = ConversationScript.group(1, 2);
        c.send(1, "a");
        publishAndAwait(c.take());
        double failuresBefore = counter(ProjectionMetrics.BATCH_FAILURES);

        // The table the batch needs disappears (views keep pointing at it, writes to it fail).
        sql.sql("ALTER TABLE hidden_message RENAME TO hidden_message_away").update();
        try {
            c.hide(2, 1).send(1, "b");
            publish(c.take());
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> counter(ProjectionMetrics.BATCH_FAILURES) >= failuresBefore + 2);
            assertThat(rows().conversation(c.id()).lastSeq())
                    .as("the failed transaction left nothing behind")
                    .isEqualTo(1);
        } finally {
            sql.sql("ALTER TABLE hidden_message_away RENAME TO hidden_message").update();
        }
        awaitProjected();

        assertThat(rows().conversation(c.id()).lastSeq()).isEqualTo(2);
        assertThat(rows().unread(2, c.id())).as("a hidden, b unread").isEqualTo(1);
    }
}
