package dev.chorus.systemtests.semantics;

import static dev.chorus.systemtests.semantics.ReadPointerIT.readSeqOf;
import static dev.chorus.systemtests.semantics.UnreadCountIT.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chorus.systemtests.api.InboxEntry;
import dev.chorus.systemtests.api.UserClient;
import dev.chorus.systemtests.api.UserClient.Sent;
import dev.chorus.systemtests.stack.FanOut;
import dev.chorus.systemtests.stack.SystemStack;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * ARCHITECTURE, semantics: "A member who joins starts with the read pointer at the conversation's last
 * seq at join time (history before it is visible, but not unread)." and "A member who leaves gets no
 * further fan-out; their inbox row goes away." On both fan-out paths.
 */
@ExtendWith(SystemStack.class)
class MembershipIT {

    private final SystemStack.Running stack;

    MembershipIT(SystemStack.Running stack) {
        this.stack = stack;
    }

    @ParameterizedTest
    @EnumSource(FanOut.class)
    void aJoinerStartsAtTheLastSeqAndSeesEarlierHistoryAsRead(FanOut fanOut) {
        long[] ids = stack.newUsers(3);
        UserClient a = stack.api().as(ids[0]);
        UserClient b = stack.api().as(ids[1]);
        UserClient joiner = stack.api().as(ids[2]);
        long[] members = fanOut.withBystanders(stack, b.id());
        UUID conversation = a.createGroup("join " + fanOut, members).conversationId();
        a.send(conversation, "before one");
        a.send(conversation, "before two");
        a.send(conversation, "before three");
        b.send(conversation, "before four");

        String joined = a.addMembers(conversation, joiner.id()).token();
        JsonNode detail = joiner.conversation(conversation, joined);
        long lastSeqAtJoin = detail.get("lastSeq").asLong();
        assertThat(lastSeqAtJoin).as("the join's SYSTEM message is seq 5").isEqualTo(5);
        JsonNode joinerState = member(detail, joiner.id());
        assertThat(joinerState.get("readSeq").asLong()).isEqualTo(lastSeqAtJoin);
        assertThat(joinerState.get("joinedSeq").asLong()).isEqualTo(lastSeqAtJoin);
        assertThat(joinerState.get("role").asText()).isEqualTo("MEMBER");

        InboxEntry entry = entry(joiner, conversation, joined);
        assertThat(entry.lastReadSeq()).isEqualTo(lastSeqAtJoin);
        assertThat(entry.unreadCount()).isZero();
        assertThat(entry.lastMessageSeq()).isEqualTo(lastSeqAtJoin);

        // Visible: the whole history from before the join, newest first, with the join itself on top.
        JsonNode history = joiner.history(conversation, joined).get("items");
        assertThat(seqs(history)).containsExactly(5L, 4L, 3L, 2L, 1L);
        assertThat(history.get(0).get("type").asText()).isEqualTo("SYSTEM");
        assertThat(history.get(4).get("body").asText()).isEqualTo("before one");
        // ...and read, as far as receipts go.
        JsonNode receipts = a.receipts(conversation, 2, joined);
        assertThat(longs(receipts.get("readBy"))).contains(joiner.id());

        Sent after = a.send(conversation, "after the join");
        InboxEntry later = entry(joiner, conversation, after.token());
        assertThat(later.unreadCount()).isEqualTo(1);
        assertThat(later.lastReadSeq()).isEqualTo(lastSeqAtJoin);
        fanOut.assertTaken(stack, conversation, members.length + 2);
    }

    @ParameterizedTest
    @EnumSource(FanOut.class)
    void aMemberWhoLeavesGetsNoFurtherFanOutAndLosesTheInboxEntry(FanOut fanOut) {
        long[] ids = stack.newUsers(3);
        UserClient a = stack.api().as(ids[0]);
        UserClient leaver = stack.api().as(ids[1]);
        UserClient other = stack.api().as(ids[2]);
        long[] members = fanOut.withBystanders(stack, leaver.id(), other.id());
        UUID conversation = a.createGroup("leave " + fanOut, members).conversationId();
        Sent first = a.send(conversation, "before the leave");
        assertThat(entry(leaver, conversation, first.token()).unreadCount()).isEqualTo(1);

        String left = leaver.leave(conversation).token();
        assertThat(leaver.inbox(left).entry(conversation)).isEmpty();

        String word = uniqueWord();
        Sent afterLeave = a.send(conversation, "after the leave " + word);
        assertThat(leaver.inbox(afterLeave.token()).entry(conversation)).isEmpty();
        // Reads of the conversation: members only (query-service README: a member who left gets 403).
        assertThat(leaver.read("/api/conversations/" + conversation, afterLeave.token())
                        .status())
                .isEqualTo(403);
        assertThat(leaver.read("/api/conversations/" + conversation + "/messages", null)
                        .status())
                .isEqualTo(403);
        assertThat(leaver.search(word, afterLeave.token()).get("items")).isEmpty();
        assertThat(other.search(word, afterLeave.token()).get("items")).hasSize(1);

        // The others carry on: seq 1 and 3 unread for "other" (seq 2 is the leave, SYSTEM).
        InboxEntry remaining = entry(other, conversation, afterLeave.token());
        assertThat(remaining.unreadCount()).isEqualTo(2);
        assertThat(remaining.lastMessageSeq()).isEqualTo(3);
        JsonNode receipts = a.receipts(conversation, 1, afterLeave.token());
        assertThat(longs(receipts.get("readBy"))).doesNotContain(leaver.id());
        assertThat(longs(receipts.get("notReadBy"))).contains(other.id()).doesNotContain(leaver.id());
        JsonNode detail = a.conversation(conversation, afterLeave.token());
        assertThat(longs(detail.get("members"), "userId")).doesNotContain(leaver.id());
        assertThat(readSeqOf(detail, other.id())).isZero();
        fanOut.assertTaken(stack, conversation, members.length);
    }

    static JsonNode member(JsonNode detail, long userId) {
        for (JsonNode member : detail.get("members")) {
            if (member.get("userId").asLong() == userId) {
                return member;
            }
        }
        throw new AssertionError("User " + userId + " is not among the members: " + detail);
    }

    static List<Long> seqs(JsonNode items) {
        return longs(items, "seq");
    }

    static List<Long> longs(JsonNode array) {
        List<Long> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asLong()));
        return values;
    }

    static List<Long> longs(JsonNode array, String field) {
        List<Long> values = new ArrayList<>();
        array.forEach(n -> values.add(n.get(field).asLong()));
        return values;
    }

    /** Letters only, so PostgreSQL's 'simple' text search keeps it as one word. */
    static String uniqueWord() {
        StringBuilder word = new StringBuilder("w");
        for (int i = 0; i < 12; i++) {
            word.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return word.toString();
    }
}
