package dev.chorus.systemtests.semantics;

import static dev.chorus.systemtests.semantics.MembershipIT.longs;
import static dev.chorus.systemtests.semantics.MembershipIT.uniqueWord;
import static dev.chorus.systemtests.semantics.ReadPointerIT.readSeqOf;
import static dev.chorus.systemtests.semantics.UnreadCountIT.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chorus.systemtests.api.Inbox;
import dev.chorus.systemtests.api.InboxEntry;
import dev.chorus.systemtests.api.UserClient;
import dev.chorus.systemtests.api.UserClient.Created;
import dev.chorus.systemtests.api.UserClient.Sent;
import dev.chorus.systemtests.stack.FanOut;
import dev.chorus.systemtests.stack.SystemStack;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What users see besides the semantics lines: DMs, mutes, read receipts, search. */
@ExtendWith(SystemStack.class)
class ConversationFeaturesIT {

    private final SystemStack.Running stack;

    ConversationFeaturesIT(SystemStack.Running stack) {
        this.stack = stack;
    }

    @Test
    void aDmCreatedTwiceIsTheSameConversation() {
        long[] ids = stack.newUsers(2);
        UserClient a = stack.api().as(ids[0]);
        UserClient b = stack.api().as(ids[1]);

        Created first = a.createDm(b.id());
        assertThat(first.status()).isEqualTo(201);
        Created again = a.createDm(b.id());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.conversationId()).isEqualTo(first.conversationId());
        Created fromTheOtherSide = b.createDm(a.id());
        assertThat(fromTheOtherSide.status()).isEqualTo(200);
        assertThat(fromTheOtherSide.conversationId()).isEqualTo(first.conversationId());

        Sent hello = b.send(first.conversationId(), "hello");
        Inbox inboxOfA = a.inbox(hello.token());
        assertThat(inboxOfA.entries()).hasSize(1);
        InboxEntry dm = inboxOfA.get(first.conversationId());
        assertThat(dm.type()).isEqualTo("DM");
        assertThat(dm.unreadCount()).isEqualTo(1);
        assertThat(dm.lastMessageSeq()).isEqualTo(hello.seq());
        assertThat(b.inbox(hello.token()).entries()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(FanOut.class)
    void aMuteShowsInTheMutersInboxOnlyAndLeavesCountsAlone(FanOut fanOut) {
        long[] ids = stack.newUsers(2);
        UserClient a = stack.api().as(ids[0]);
        UserClient b = stack.api().as(ids[1]);
        long[] members = fanOut.withBystanders(stack, b.id());
        UUID conversation = a.createGroup("mute " + fanOut, members).conversationId();
        Instant until = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        String muted = b.mute(conversation, until).token();
        assertThat(entry(b, conversation, muted).mutedUntil()).isEqualTo(until);
        Sent message = a.send(conversation, "while muted");
        InboxEntry whileMuted = entry(b, conversation, message.token(), muted);
        assertThat(whileMuted.mutedUntil()).isEqualTo(until);
        assertThat(whileMuted.unreadCount()).isEqualTo(1);
        assertThat(entry(a, conversation, message.token()).mutedUntil()).isNull();
        assertThat(b.conversation(conversation, muted).get("mutedUntil").asText())
                .isEqualTo(until.toString());

        String unmuted = b.mute(conversation, null).token();
        InboxEntry after = entry(b, conversation, unmuted);
        assertThat(after.mutedUntil()).isNull();
        assertThat(after.unreadCount()).isEqualTo(1);
        fanOut.assertTaken(stack, conversation, members.length + 1);
    }

    @Test
    void receiptsFollowTheReadPointers() {
        long[] ids = stack.newUsers(3);
        UserClient a = stack.api().as(ids[0]);
        UserClient b = stack.api().as(ids[1]);
        UserClient c = stack.api().as(ids[2]);
        UUID conversation = a.createGroup("receipts", b.id(), c.id()).conversationId();
        a.send(conversation, "one");
        a.send(conversation, "two");
        Sent three = a.send(conversation, "three");

        String bRead = b.markRead(conversation, 2).token();
        JsonNode two = a.receipts(conversation, 2, three.token(), bRead);
        assertThat(two.get("seq").asLong()).isEqualTo(2);
        assertThat(longs(two.get("readBy"))).containsExactly(b.id());
        assertThat(longs(two.get("notReadBy"))).containsExactly(c.id());
        JsonNode threeReceipts = a.receipts(conversation, 3, bRead);
        assertThat(longs(threeReceipts.get("readBy"))).isEmpty();
        assertThat(longs(threeReceipts.get("notReadBy"))).containsExactly(b.id(), c.id());

        // c answers: sending moves c's pointer to seq 4, so c has read 3 as well.
        Sent four = c.send(conversation, "four");
        JsonNode afterAnswer = a.receipts(conversation, 3, four.token());
        assertThat(longs(afterAnswer.get("readBy"))).containsExactly(c.id());
        assertThat(longs(afterAnswer.get("notReadBy"))).containsExactly(b.id());
        JsonNode detail = a.conversation(conversation, four.token());
        assertThat(readSeqOf(detail, a.id())).isEqualTo(3);
        assertThat(readSeqOf(detail, b.id())).isEqualTo(2);
        assertThat(readSeqOf(detail, c.id())).isEqualTo(4);
    }

    @Test
    void searchFindsASentMessageForMembersOnlyUntilItIsDeleted() {
        long[] ids = stack.newUsers(3);
        UserClient a = stack.api().as(ids[0]);
        UserClient b = stack.api().as(ids[1]);
        UserClient outsider = stack.api().as(ids[2]);
        UUID conversation = a.createGroup("search", b.id()).conversationId();
        String word = uniqueWord();
        a.send(conversation, "nothing to see");
        Sent sent = a.send(conversation, "the rare word " + word + " is here");

        JsonNode hits = b.search(word, sent.token()).get("items");
        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).get("conversationId").asText()).isEqualTo(conversation.toString());
        assertThat(hits.get(0).get("seq").asLong()).isEqualTo(sent.seq());
        assertThat(hits.get(0).get("senderId").asLong()).isEqualTo(a.id());
        assertThat(hits.get(0).get("body").asText()).contains(word);
        assertThat(outsider.search(word, sent.token()).get("items")).isEmpty();

        String deleted = a.deleteForEveryone(conversation, sent.seq()).token();
        assertThat(b.search(word, deleted).get("items")).isEmpty();
    }
}
