package dev.chorus.systemtests.model;

import dev.chorus.systemtests.api.InboxEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The plain in-memory truth about one conversation, straight from ARCHITECTURE's semantics: messages by
 * seq, members with their read pointers, hides and mutes. Confined to one thread at a time (the
 * conversation's command sequence runs on one worker; the verifier reads it after the workers joined).
 */
final class ConversationModel {

    final int index;
    final boolean dm;
    final long creator;
    final String title;
    UUID id;
    long lastSeq;
    final TreeMap<Long, Message> messages = new TreeMap<>();
    /** Every user who ever was a member (former members stay, inactive). */
    final Map<Long, Member> members = new LinkedHashMap<>();
    /** clientMessageIds a user has used here, with the seq the conversation gave them. */
    final Map<Long, List<UsedClientId>> clientIds = new LinkedHashMap<>();

    ConversationModel(int index, boolean dm, long creator, String title) {
        this.index = index;
        this.dm = dm;
        this.creator = creator;
        this.title = title;
    }

    static final class Message {
        final long seq;
        final long sender;
        final boolean system;
        boolean deleted;

        Message(long seq, long sender, boolean system) {
            this.seq = seq;
            this.sender = sender;
            this.system = system;
        }
    }

    static final class Member {
        final long userId;
        boolean active;
        long readSeq;
        final Set<Long> hidden = new HashSet<>();
        Instant mutedUntil;

        Member(long userId) {
            this.userId = userId;
        }
    }

    record UsedClientId(UUID clientMessageId, long seq) {}

    // ---- state changes, exactly as the semantics say ------------------------------------------

    void created(UUID conversationId, List<Long> memberIds) {
        id = conversationId;
        for (long userId : memberIds) {
            Member member = members.computeIfAbsent(userId, Member::new);
            member.active = true;
            member.readSeq = 0;
        }
    }

    /** A join is a SYSTEM message; each joiner's pointer starts at it (the last seq at join). */
    void joined(long addedBy, List<Long> userIds) {
        long seq = appendSystem(addedBy);
        for (long userId : userIds) {
            Member member = members.computeIfAbsent(userId, Member::new);
            member.active = true;
            member.readSeq = seq;
        }
    }

    void left(long removedBy, long userId) {
        appendSystem(removedBy);
        members.get(userId).active = false;
    }

    /** A new message: the sender's pointer moves to it. */
    void sent(long sender, long seq, UUID clientMessageId) {
        messages.put(seq, new Message(seq, sender, false));
        lastSeq = seq;
        Member member = members.get(sender);
        member.readSeq = Math.max(member.readSeq, seq);
        clientIds.computeIfAbsent(sender, u -> new ArrayList<>()).add(new UsedClientId(clientMessageId, seq));
    }

    /** Monotonic, clamped to the last seq. */
    long markedRead(long userId, long upToSeq) {
        Member member = members.get(userId);
        member.readSeq = Math.max(member.readSeq, Math.min(upToSeq, lastSeq));
        return member.readSeq;
    }

    private long appendSystem(long actor) {
        long seq = lastSeq + 1;
        messages.put(seq, new Message(seq, actor, true));
        lastSeq = seq;
        return seq;
    }

    // ---- what the inbox must show -------------------------------------------------------------

    List<Member> activeMembers() {
        return members.values().stream().filter(m -> m.active).toList();
    }

    boolean isActive(long userId) {
        Member member = members.get(userId);
        return member != null && member.active;
    }

    /** The inbox entry of an active member. */
    InboxEntry expectedEntry(long userId) {
        Member member = members.get(userId);
        int unread = 0;
        for (Message m : messages.tailMap(member.readSeq, false).values()) {
            if (!m.system && m.sender != userId && !m.deleted && !member.hidden.contains(m.seq)) {
                unread++;
            }
        }
        Long lastVisible = messages.descendingMap().values().stream()
                .filter(m -> !m.deleted)
                .map(m -> m.seq)
                .findFirst()
                .orElse(null);
        return new InboxEntry(id, dm ? "DM" : "GROUP", title, lastVisible, unread, member.readSeq, member.mutedUntil);
    }

    Optional<Message> message(long seq) {
        return Optional.ofNullable(messages.get(seq));
    }
}
