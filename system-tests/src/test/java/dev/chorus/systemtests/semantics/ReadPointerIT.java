package dev.chorus.systemtests.semantics;

import static dev.chorus.systemtests.semantics.UnreadCountIT.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chorus.systemtests.api.InboxEntry;
import dev.chorus.systemtests.api.UserClient;
import dev.chorus.systemtests.api.UserClient.ReadAck;
import dev.chorus.systemtests.api.UserClient.Sent;
import dev.chorus.systemtests.stack.FanOut;
import dev.chorus.systemtests.stack.SystemStack;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * ARCHITECTURE, semantics: "Sending a message moves the sender's read pointer to that message." and
 * "Marking read is monotonic: a pointer never moves back; a pointer past the last seq is clamped to it."
 * Checked in the inbox ({@code lastReadSeq}, {@code unreadCount}) and in the conversation's member list
 * ({@code readSeq}, the read receipt), on both fan-out paths.
 */
@ExtendWith(SystemStack.class)
class ReadPointerIT {

    private final SystemStack.Running stack;

    ReadPointerIT(SystemStack.Running stack) {
        this.stack = stack;
    }

    @ParameterizedTest
    @EnumSource(FanOut.class)
    void sendingMovesTheSendersPointerToTheMessage(FanOut fanOut) {
        long[] ids = stack.newUsers(2);
        UserClient a = stack.api().as(ids[0]);
        UserClient b = stack.api().as(ids[1]);
        long[] members = fanOut.withBystanders(stack, b.id());
        UUID conversation = a.createGroup("pointer " + fanOut, members).conversationId();

        a.send(conversation, "a1");
        b.send(conversation, "b2");
        Sent b3 = b.send(conversation, "b3");
        InboxEntry before = entry(a, conversation, b3.token());
        assertThat(before.lastReadSeq()).isEqualTo(1);
        assertThat(before.unreadCount()).isEqualTo(2);

        // a never marked anything read: sending alone moves a's pointer past b's two messages.
        Sent a4 = a.send(conversation, "a4");
        assertThat(a4.seq()).isEqualTo(4);
        InboxEntry after = entry(a, conversation, a4.token());
        assertThat(after.lastReadSeq()).isEqualTo(4);
        assertThat(after.unreadCount()).isZero();
        InboxEntry bEntry = entry(b, conversation, a4.token());
        assertThat(bEntry.lastReadSeq()).isEqualTo(3);
        assertThat(bEntry.unreadCount()).isEqualTo(1);

        JsonNode detail = a.conversation(conversation, a4.token());
        assertThat(readSeqOf(detail, a.id())).isEqualTo(4);
        assertThat(readSeqOf(detail, b.id())).isEqualTo(3);
        fanOut.assertTaken(stack, conversation, members.length + 1);
    }

    @ParameterizedTest
    @EnumSource(FanOut.class)
    void markingReadIsMonotonicAndClampedToTheLastSeq(FanOut fanOut) {
        long[] ids = stack.newUsers(2);
        UserClient a = stack.api().as(ids[0]);
        UserClient b = stack.api().as(ids[1]);
        long[] members = fanOut.withBystanders(stack, b.id());
        UUID conversation = a.createGroup("monotonic " + fanOut, members).conversationId();
        Sent last = null;
        for (int i = 1; i <= 5; i++) {
            last = a.send(conversation, "m" + i);
        }
        assertThat(last.seq()).isEqualTo(5);

        ReadAck forward = b.markRead(conversation, 4);
        assertThat(forward.readSeq()).isEqualTo(4);
        InboxEntry at4 = entry(b, conversation, last.token(), forward.token());
        assertThat(at4.lastReadSeq()).isEqualTo(4);
        assertThat(at4.unreadCount()).isEqualTo(1);

        // Back: a no-op, answered with the pointer as it is.
        ReadAck back = b.markRead(conversation, 2);
        assertThat(back.readSeq()).isEqualTo(4);
        InboxEntry stillAt4 = entry(b, conversation, back.token());
        assertThat(stillAt4.lastReadSeq()).isEqualTo(4);
        assertThat(stillAt4.unreadCount()).isEqualTo(1);
        assertThat(readSeqOf(b.conversation(conversation, back.token()), b.id()))
                .isEqualTo(4);

        // Past the end: clamped to the last seq, so a later message is still unread.
        ReadAck beyond = b.markRead(conversation, 100);
        assertThat(beyond.readSeq()).isEqualTo(5);
        InboxEntry at5 = entry(b, conversation, beyond.token());
        assertThat(at5.lastReadSeq()).isEqualTo(5);
        assertThat(at5.unreadCount()).isZero();
        Sent sixth = a.send(conversation, "m6");
        InboxEntry afterSixth = entry(b, conversation, sixth.token(), beyond.token());
        assertThat(afterSixth.lastReadSeq()).isEqualTo(5);
        assertThat(afterSixth.unreadCount()).isEqualTo(1);
        assertThat(readSeqOf(b.conversation(conversation, sixth.token()), b.id()))
                .isEqualTo(5);

        ReadAck zero = b.markRead(conversation, 0);
        assertThat(zero.readSeq()).isEqualTo(5);
        assertThat(entry(b, conversation, zero.token()).lastReadSeq()).isEqualTo(5);
        fanOut.assertTaken(stack, conversation, members.length + 1);
    }

    static long readSeqOf(JsonNode conversationDetail, long userId) {
        for (JsonNode member : conversationDetail.get("members")) {
            if (member.get("userId").asLong() == userId) {
                return member.get("readSeq").asLong();
            }
        }
        throw new AssertionError("User " + userId + " is not among the members: " + conversationDetail);
    }
}
