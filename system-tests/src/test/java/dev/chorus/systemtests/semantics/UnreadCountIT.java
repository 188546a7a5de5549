package dev.chorus.systemtests.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.systemtests.api.Inbox;
import dev.chorus.systemtests.api.InboxEntry;
import dev.chorus.systemtests.api.UserClient;
import dev.chorus.systemtests.api.UserClient.Sent;
import dev.chorus.systemtests.stack.FanOut;
import dev.chorus.systemtests.stack.SystemStack;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * ARCHITECTURE, semantics: "unreadCount(u, c) = messages in c with seq > u's read pointer, not sent by u,
 * of a countable type (not SYSTEM), not deleted for everyone, not hidden by u." Each exclusion is made
 * to happen on its own and the inbox's {@code unreadCount} checked exactly after it, so a failure names
 * the clause that broke. On both fan-out paths.
 */
@ExtendWith(SystemStack.class)
class UnreadCountIT {

    private final SystemStack.Running stack;

    UnreadCountIT(SystemStack.Running stack) {
        this.stack = stack;
    }

    @ParameterizedTest
    @EnumSource(FanOut.class)
    void countsOthersCountableVisibleMessagesAfterThePointer(FanOut fanOut) {
        long[] ids = stack.newUsers(4);
        UserClient a = stack.api().as(ids[0]);
        UserClient b = stack.api().as(ids[1]);
        UserClient c = stack.api().as(ids[2]);
        UserClient d = stack.api().as(ids[3]);
        long[] members = fanOut.withBystanders(stack, b.id(), c.id());
        UserClient bystander = fanOut == FanOut.ON_READ ? stack.api().as(members[2]) : null;
        UUID conversation = a.createGroup("unread " + fanOut, members).conversationId();

        // Own messages: each sender's pointer is at their own message, so only the others' count.
        Sent s1 = a.send(conversation, "one");
        Sent s2 = b.send(conversation, "two");
        Sent s3 = c.send(conversation, "three");
        assertThat(List.of(s1.seq(), s2.seq(), s3.seq())).containsExactly(1L, 2L, 3L);
        assertThat(entry(a, conversation, s3.token()).unreadCount()).isEqualTo(2); // 2, 3
        assertThat(entry(b, conversation, s3.token()).unreadCount()).isEqualTo(1); // 3
        assertThat(entry(c, conversation, s3.token()).unreadCount()).isZero();

        // SYSTEM messages (a join) are not countable.
        String joined = a.addMembers(conversation, d.id()).token();
        assertThat(entry(b, conversation, joined).unreadCount()).isEqualTo(1);
        InboxEntry joiner = entry(d, conversation, joined);
        assertThat(joiner.lastReadSeq()).isEqualTo(4);
        assertThat(joiner.unreadCount()).isZero();

        Sent s5 = a.send(conversation, "five");
        a.send(conversation, "six");
        Sent s7 = a.send(conversation, "seven");
        assertThat(s7.seq()).isEqualTo(7);
        assertThat(entry(b, conversation, s7.token()).unreadCount()).isEqualTo(4); // 3, 5, 6, 7
        assertThat(entry(c, conversation, s7.token()).unreadCount()).isEqualTo(3); // 5, 6, 7
        assertThat(entry(d, conversation, s7.token()).unreadCount()).isEqualTo(3); // 5, 6, 7
        assertThat(entry(a, conversation, s7.token()).unreadCount()).isZero();

        // Deleted for everyone: gone from everybody's count.
        String deleted = a.deleteForEveryone(conversation, 6).token();
        assertThat(entry(b, conversation, deleted).unreadCount()).isEqualTo(3); // 3, 5, 7
        assertThat(entry(c, conversation, deleted).unreadCount()).isEqualTo(2); // 5, 7
        assertThat(entry(d, conversation, deleted).unreadCount()).isEqualTo(2); // 5, 7

        // Hidden by u (scope=me): gone from u's count only.
        String hidden = b.hide(conversation, s5.seq()).token();
        assertThat(entry(b, conversation, hidden).unreadCount()).isEqualTo(2); // 3, 7
        assertThat(entry(c, conversation, hidden, deleted).unreadCount()).isEqualTo(2); // 5, 7

        // A leave is a SYSTEM message too; it becomes the last visible message but counts for nobody.
        String left = d.leave(conversation).token();
        InboxEntry bAfter = entry(b, conversation, left);
        assertThat(bAfter.unreadCount()).isEqualTo(2);
        assertThat(bAfter.lastReadSeq()).isEqualTo(2);
        assertThat(bAfter.lastMessageSeq()).isEqualTo(8);
        InboxEntry cAfter = entry(c, conversation, hidden, left);
        assertThat(cAfter.unreadCount()).isEqualTo(2);
        assertThat(cAfter.lastReadSeq()).isEqualTo(3);
        if (bystander != null) {
            // Never read anything: 1, 2, 3, 5, 7 (not 4 and 8, SYSTEM; not 6, deleted).
            assertThat(entry(bystander, conversation, left).unreadCount()).isEqualTo(5);
        }
        fanOut.assertTaken(stack, conversation, members.length + 1);
    }

    static InboxEntry entry(UserClient user, UUID conversation, String... tokens) {
        Inbox inbox = user.inbox(tokens);
        return inbox.get(conversation);
    }
}
