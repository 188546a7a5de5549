package dev.chorus.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.events.EventEnvelope;
import dev.chorus.projection.support.ConversationScript;
import dev.chorus.projection.support.ProjectionIntegrationTest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One test per line of the semantics in ARCHITECTURE.md, at the projection level: events go in
 * through Kafka, read-model rows are asserted.
 */
class UnreadSemanticsTest extends ProjectionIntegrationTest {

    @AfterEach
    void inboxRowsAlwaysEqualTheFormula() {
        assertThat(rows().inboxRowsDifferingFromFormula()).isEmpty();
        assertThat(rows().missingInboxRows(LARGE_GROUP_THRESHOLD)).isEmpty();
        assertThat(rows().fanOutModeViolations()).isEmpty();
    }

    @Test
    void unreadCountsOthersMessagesAfterThePointerButNeverOwnMessages() {
        ConversationScript c = ConversationScript.group(1, 2, 3);
        c.send(2, "from two").send(1, "from one").send(1, "again from one");
        publishAndAwait(c.take());

        assertThat(rows().unread(2, c.id())).as("2 sees only 1's two messages").isEqualTo(2);
        assertThat(rows().unread(3, c.id())).isEqualTo(3);
        assertThat(rows().unread(1, c.id())).as("1 sent the last message").isZero();

        c.send(2, "two answers");
        publishAndAwait(c.take());
        assertThat(rows().unread(2, c.id())).isZero();
        assertThat(rows().unread(1, c.id())).isEqualTo(1);
        assertThat(rows().unread(3, c.id())).isEqualTo(4);
    }

    @Test
    void systemMessagesAreHistoryButNeverUnread() {
        ConversationScript c = ConversationScript.group(1, 2);
        c.send(1, "hello").join(3).add(1, 4, 5).remove(1, 4).leave(5);
        publishAndAwait(c.take());

        assertThat(rows().unread(2, c.id())).isEqualTo(1);
        assertThat(rows().conversation(c.id()).lastSeq()).isEqualTo(5);
        assertThat(rows().conversation(c.id()).countableTotal()).isEqualTo(1);
        assertThat(List.of(2L, 3L, 4L, 5L))
                .extracting(seq -> rows().message(c.id(), seq).body())
                .containsExactly("3 joined", "1 added 4, 5", "1 removed 4", "5 left");
        assertThat(rows().message(c.id(), 3).type()).isEqualTo("SYSTEM");
        assertThat(rows().message(c.id(), 5).ordinal()).isEqualTo(1);
        assertThat(rows().conversation(c.id()).lastMessagePreview()).isEqualTo("5 left");
    }

    @Test
    void messagesDeletedForEveryoneAreNotUnreadAndLoseTheirContent() {
        ConversationScript c = ConversationScript.group(1, 2, 3);
        c.send(1, "a").send(1, "b").sendImage(1);
        publishAndAwait(c.take());
        assertThat(rows().unread(2, c.id())).isEqualTo(3);
        assertThat(rows().conversation(c.id()).lastMessagePreview()).isEqualTo("[image]");

        c.delete(1, 3).delete(1, 2);
        publishAndAwait(c.take());

        assertThat(rows().unread(2, c.id())).isEqualTo(1);
        assertThat(rows().unread(3, c.id())).isEqualTo(1);
        var deleted = rows().message(c.id(), 3);
        assertThat(deleted.deleted()).isTrue();
        assertThat(deleted.body()).isNull();
        assertThat(deleted.meta()).isNull();
        assertThat(deleted.attachments()).isEqualTo("[]");
        assertThat(deleted.ordinal()).as("the seq keeps its ordinal").isEqualTo(3);
        var head = rows().conversation(c.id());
        assertThat(head.lastSeq()).isEqualTo(3);
        assertThat(head.lastMessageSeq())
                .as("preview falls back to the last visible message")
                .isEqualTo(1);
        assertThat(head.lastMessagePreview()).isEqualTo("a");
    }

    @Test
    void messagesHiddenByMeAreNotUnreadForMeOnly() {
        ConversationScript c = ConversationScript.group(1, 2, 3);
        c.send(1, "a").send(1, "b").send(1, "c").join(4);
        publishAndAwait(c.take());

        c.hide(2, 2).hide(2, 4); // a hidden SYSTEM message changes nothing
        publishAndAwait(c.take());
        assertThat(rows().unread(2, c.id())).isEqualTo(2);
        assertThat(rows().unread(3, c.id())).isEqualTo(3);

        // hidden and then deleted for everyone: subtracted once, not twice
        c.hide(2, 3).delete(1, 3);
        publishAndAwait(c.take());
        assertThat(rows().unread(2, c.id())).isEqualTo(1);
        assertThat(rows().unread(3, c.id())).isEqualTo(2);
    }

    @Test
    void sendingMovesTheSendersReadPointerToTheMessage() {
        ConversationScript c = ConversationScript.group(1, 2);
        c.send(2, "a").send(2, "b").send(1, "c");
        publishAndAwait(c.take());

        assertThat(rows().member(c.id(), 1).readSeq()).isEqualTo(3);
        assertThat(rows().member(c.id(), 2).readSeq()).isEqualTo(2);
        assertThat(rows().inbox(1, c.id()).orElseThrow().lastReadSeq()).isEqualTo(3);
        assertThat(rows().unread(1, c.id())).isZero();
    }

    @Test
    void noMemberEverHasOwnMessagesAfterTheirPointer() {
        ConversationScript c = ConversationScript.group(1, 2, 3, 4);
        for (int i = 0; i < 30; i++) {
            long sender = 1 + (i * 7 % 4);
            c.send(sender, "m" + i);
            if (i % 5 == 0) {
                c.read(1 + (i % 4), Math.max(1, c.lastSeq() - 3));
            }
            if (i == 12) {
                c.join(5);
            }
            if (i == 20) {
                c.hide(2, c.lastSeq());
            }
        }
        publishAndAwait(c.take());

        Integer ownAfterPointer = sql.sql(
                        """
                        SELECT count(*) FROM message msg
                          JOIN conversation_member m
                            ON m.conversation_id = msg.conversation_id AND m.user_id = msg.sender_id
                         WHERE msg.conversation_id = ? AND msg.type <> 'SYSTEM' AND msg.seq > m.read_seq
                        """)
                .param(c.id())
                .query(Integer.class)
                .single();
        assertThat(ownAfterPointer).isZero();
        assertThat(rows().conversation(c.id()).countableTotal()).isEqualTo(30);
    }

    @Test
    void aJoinerStartsAtTheLastSeqAtJoinTime() {
        ConversationScript c = ConversationScript.group(1, 2);
        c.send(1, "a").send(2, "b").send(1, "c").join(7);
        publishAndAwait(c.take());

        var joiner = rows().member(c.id(), 7);
        assertThat(joiner.joinedSeq()).isEqualTo(4);
        assertThat(joiner.readSeq()).isEqualTo(4);
        var inbox = rows().inbox(7, c.id()).orElseThrow();
        assertThat(inbox.unreadCount()).isZero();
        assertThat(inbox.lastReadSeq()).isEqualTo(4);
        assertThat(rows().message(c.id(), 1).body())
                .as("history before the join stays")
                .isEqualTo("a");

        c.send(2, "d");
        publishAndAwait(c.take());
        assertThat(rows().unread(7, c.id())).isEqualTo(1);
    }

    @Test
    void aLeaverGetsNoFurtherFanOutAndLosesTheInboxRow() {
        ConversationScript c = ConversationScript.group(1, 2, 3);
        c.send(1, "a");
        publishAndAwait(c.take());
        assertThat(rows().inbox(3, c.id())).isPresent();

        c.leave(3).remove(1, 2);
        publishAndAwait(c.take());
        assertThat(rows().inbox(3, c.id())).isEmpty();
        assertThat(rows().inbox(2, c.id())).isEmpty();
        assertThat(rows().member(c.id(), 3).active()).isFalse();
        assertThat(rows().conversation(c.id()).memberCount()).isEqualTo(1);

        c.send(1, "b").send(1, "c");
        publishAndAwait(c.take());
        assertThat(rows().inbox(3, c.id())).isEmpty();
        assertThat(rows().inbox(2, c.id())).isEmpty();
        assertThat(rows().member(c.id(), 3).readSeq())
                .as("a leaver's pointer stays where it was")
                .isEqualTo(0);
        assertThat(rows().inboxRowsOf(c.id())).extracting(r -> r.userId()).containsExactly(1L);

        // coming back is a join: active again, pointer at the join seq, nothing unread
        c.join(3);
        publishAndAwait(c.take());
        var back = rows().member(c.id(), 3);
        assertThat(back.active()).isTrue();
        assertThat(back.readSeq()).isEqualTo(c.lastSeq());
        assertThat(rows().unread(3, c.id())).isZero();
    }

    @Test
    void markingReadIsMonotonicAndClampedToTheLastSeq() {
        ConversationScript c = ConversationScript.group(1, 2);
        c.send(1, "1").send(1, "2").send(1, "3").send(1, "4").send(1, "5");
        c.read(2, 4).read(2, 2);
        publishAndAwait(c.take());
        assertThat(rows().member(c.id(), 2).readSeq()).isEqualTo(4);
        assertThat(rows().unread(2, c.id())).isEqualTo(1);

        // past the last seq: clamped to it, so the next message is unread
        c.read(2, 99);
        publishAndAwait(c.take());
        assertThat(rows().member(c.id(), 2).readSeq()).isEqualTo(5);
        c.send(1, "6");
        publishAndAwait(c.take());
        assertThat(rows().unread(2, c.id())).isEqualTo(1);
        assertThat(rows().member(c.id(), 2).readSeq()).isEqualTo(5);
    }

    @Test
    void anOlderReadPointerArrivingLateNeverMovesThePointerBack() {
        ConversationScript c = ConversationScript.group(1, 2);
        c.send(1, "1").send(1, "2").send(1, "3");
        publishAndAwait(c.take());
        c.read(2, 1);
        List<EventEnvelope> older = c.take();
        c.read(2, 3);
        List<EventEnvelope> newer = c.take();

        publishAndAwait(newer);
        publishAndAwait(older);
        assertThat(rows().member(c.id(), 2).readSeq()).isEqualTo(3);
        assertThat(rows().member(c.id(), 2).memberVersion()).isEqualTo(2);
        assertThat(rows().unread(2, c.id())).isZero();
    }

    @Test
    void theNewestMuteWinsWhateverTheDeliveryOrder() {
        ConversationScript c = ConversationScript.group(1, 2);
        Instant until = Instant.parse("2031-01-01T00:00:00Z");
        c.send(1, "x");
        publishAndAwait(c.take());
        c.mute(2, until);
        List<EventEnvelope> mute = c.take();
        c.mute(2, null);
        List<EventEnvelope> unmute = c.take();

        publishAndAwait(unmute);
        publishAndAwait(mute);
        assertThat(rows().member(c.id(), 2).mutedUntil()).isNull();
        assertThat(rows().inbox(2, c.id()).orElseThrow().mutedUntil()).isNull();

        c.mute(2, until);
        publishAndAwait(c.take());
        assertThat(rows().inbox(2, c.id()).orElseThrow().mutedUntil().toInstant())
                .isEqualTo(until);
    }

    @Test
    void thePreviewIsTruncatedAndNamesMediaTypes() {
        ConversationScript c = ConversationScript.group(1, 2);
        String longBody = "x".repeat(200);
        c.send(1, longBody);
        publishAndAwait(c.take());
        var head = rows().conversation(c.id());
        assertThat(head.lastMessagePreview()).hasSize(140).endsWith("…");
        assertThat(head.lastMessageSender()).isEqualTo(1);
        assertThat(rows().message(c.id(), 1).body()).isEqualTo(longBody);
    }
}
