package dev.chorus.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.projection.readmodel.Projector;
import dev.chorus.projection.support.ConversationScript;
import dev.chorus.projection.support.ProjectionIntegrationTest;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Hybrid fan-out: above the threshold a conversation keeps no user_inbox rows and its entries come
 * from computed_inbox_entry with the same formula; crossing the threshold, or changing it, needs no
 * migration and never leaves a stale row.
 */
class LargeGroupTest extends ProjectionIntegrationTest {

    @Test
    void aGroupAboveTheThresholdIsNotFannedOutButItsEntriesAreComputedExactly() {
        ConversationScript c = ConversationScript.groupOf(1_000, LARGE_GROUP_THRESHOLD + 5);
        c.send(1_000, "a").send(1_001, "b").send(1_000, "c").hide(1_002, 2).delete(1_000, 3);
        publishAndAwait(c.take());

        assertThat(rows().inboxRowsOf(c.id())).isEmpty();
        assertThat(rows().member(c.id(), 1_003).fannedOutOnRead()).isTrue();
        assertThat(rows().computed(1_003, c.id()).orElseThrow().unreadCount()).isEqualTo(2);
        assertThat(rows().computed(1_002, c.id()).orElseThrow().unreadCount()).isEqualTo(1);
        assertThat(rows().computed(1_001, c.id()).orElseThrow().unreadCount()).isZero();
        assertThat(rows().computed(1_000, c.id()).orElseThrow().lastReadSeq()).isEqualTo(3);
    }

    @Test
    void growingPastTheThresholdDropsTheRowsAndShrinkingBackRestoresThem() {
        ConversationScript c = ConversationScript.groupOf(2_000, LARGE_GROUP_THRESHOLD);
        c.send(2_000, "a");
        publishAndAwait(c.take());
        assertThat(rows().inboxRowsOf(c.id())).hasSize(LARGE_GROUP_THRESHOLD);

        c.add(2_000, LongStream.rangeClosed(2_100, 2_102).toArray()).send(2_001, "b");
        publishAndAwait(c.take());
        assertThat(rows().inboxRowsOf(c.id())).isEmpty();
        assertThat(rows().computed(2_005, c.id()).orElseThrow().unreadCount()).isEqualTo(2);
        assertThat(rows().computed(2_101, c.id()).orElseThrow().unreadCount()).isEqualTo(1);
        assertThat(rows().member(c.id(), 2_101).fannedOutOnRead())
                .as("a member who joined the large group")
                .isTrue();
        assertThat(rows().fanOutModeViolations()).isEmpty();

        c.leave(2_100).leave(2_101).leave(2_102).send(2_001, "c");
        publishAndAwait(c.take());
        assertThat(rows().inboxRowsOf(c.id())).hasSize(LARGE_GROUP_THRESHOLD);
        assertThat(rows().unread(2_005, c.id())).isEqualTo(3);
        assertThat(rows().member(c.id(), 2_005).fannedOutOnRead()).isFalse();
        assertThat(rows().inboxRowsDifferingFromFormula()).isEmpty();
        assertThat(rows().fanOutModeViolations()).isEmpty();
    }

    @Test
    void changingTheThresholdNeedsNoMigrationAndNeverShowsAStaleRow() {
        ConversationScript c = ConversationScript.groupOf(3_000, LARGE_GROUP_THRESHOLD + 5);
        c.send(3_000, "a");
        projector.apply(c.take());
        assertThat(rows().inboxRowsOf(c.id())).isEmpty();

        // a replica restarted with a higher threshold fans the group out on its next change
        Projector raised = projectorWithThreshold(1_000);
        c.send(3_001, "b");
        raised.apply(c.take());
        assertThat(rows().inboxRowsOf(c.id())).hasSize(LARGE_GROUP_THRESHOLD + 5);
        assertThat(rows().unread(3_010, c.id())).isEqualTo(2);
        assertThat(rows().inboxRowsDifferingFromFormula()).isEmpty();
        assertThat(rows().fanOutModeViolations()).isEmpty();

        // back on the old threshold, even one member's own change moves the whole group back to
        // fan-out on read at once: never a mix of rows and computed entries, never a stale row
        c.read(3_010, 1);
        projector.apply(c.take());
        assertThat(rows().inboxRowsOf(c.id())).isEmpty();
        assertThat(rows().computed(3_010, c.id()).orElseThrow().unreadCount()).isEqualTo(1);
        assertThat(rows().fanOutModeViolations()).isEmpty();
        c.send(3_002, "c");
        projector.apply(c.take());
        assertThat(rows().inboxRowsOf(c.id())).isEmpty();
        assertThat(rows().inboxRowsDifferingFromFormula()).isEmpty();
        assertThat(rows().fanOutModeViolations()).isEmpty();
    }
}
