package dev.chorus.systemtests.semantics;

import static dev.chorus.systemtests.semantics.MembershipIT.seqs;
import static dev.chorus.systemtests.semantics.UnreadCountIT.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chorus.systemtests.api.UserClient;
import dev.chorus.systemtests.api.UserClient.Sent;
import dev.chorus.systemtests.stack.FanOut;
import dev.chorus.systemtests.stack.SystemStack;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * ARCHITECTURE, semantics: "SendMessage with a clientMessageId already used in that conversation returns
 * the original message (same seq) and appends nothing." Checked in the command's answer, the history
 * (one message), the conversation head and the other member's unread count.
 */
@ExtendWith(SystemStack.class)
class IdempotentSendIT {

    private final SystemStack.Running stack;

    IdempotentSendIT(SystemStack.Running stack) {
        this.stack = stack;
    }

    @ParameterizedTest
    @EnumSource(FanOut.class)
    void aRepeatedClientMessageIdReturnsTheOriginalAndAppendsNothing(FanOut fanOut) {
        long[] ids = stack.newUsers(2);
        UserClient a = stack.api().as(ids[0]);
        UserClient b = stack.api().as(ids[1]);
        long[] members = fanOut.withBystanders(stack, b.id());
        UUID conversation = a.createGroup("retry " + fanOut, members).conversationId();
        UUID clientMessageId = UUID.randomUUID();

        Sent original = a.send(conversation, clientMessageId, "the original");
        assertThat(original.status()).isEqualTo(201);
        assertThat(original.seq()).isEqualTo(1);

        Sent retry = a.send(conversation, clientMessageId, "a retry with another body");
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.seq()).isEqualTo(original.seq());
        assertThat(retry.messageId()).isEqualTo(original.messageId());
        assertThat(retry.sentAt()).isEqualTo(original.sentAt());

        // Still the original after other messages were appended.
        Sent other = b.send(conversation, "something else");
        assertThat(other.seq()).isEqualTo(2);
        Sent late = a.send(conversation, clientMessageId, "a late retry");
        assertThat(late.status()).isEqualTo(200);
        assertThat(late.seq()).isEqualTo(original.seq());

        JsonNode history = b.history(conversation, late.token()).get("items");
        assertThat(seqs(history)).containsExactly(2L, 1L);
        assertThat(history.get(1).get("body").asText()).isEqualTo("the original");
        assertThat(history.get(1).get("messageId").asText())
                .isEqualTo(original.messageId().toString());
        assertThat(a.conversation(conversation, late.token()).get("lastSeq").asLong())
                .isEqualTo(2);
        // b wrote seq 2, so nothing is unread for b; a has b's one message unread, not more.
        assertThat(entry(b, conversation, late.token()).unreadCount()).isZero();
        assertThat(entry(a, conversation, late.token()).unreadCount()).isEqualTo(1);
        if (fanOut == FanOut.ON_READ) {
            UserClient bystander = stack.api().as(members[1]);
            assertThat(entry(bystander, conversation, late.token()).unreadCount())
                    .isEqualTo(2);
        }
        fanOut.assertTaken(stack, conversation, members.length + 1);
    }
}
