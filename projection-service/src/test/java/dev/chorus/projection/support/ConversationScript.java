package dev.chorus.projection.support;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.chorus.events.Attachment;
import dev.chorus.events.ChatEvent;
import dev.chorus.events.ConversationCreated;
import dev.chorus.events.ConversationMuted;
import dev.chorus.events.ConversationType;
import dev.chorus.events.EventEnvelope;
import dev.chorus.events.Member;
import dev.chorus.events.MemberRemoved;
import dev.chorus.events.MemberRole;
import dev.chorus.events.MembersAdded;
import dev.chorus.events.MessageDeleted;
import dev.chorus.events.MessageHidden;
import dev.chorus.events.MessageSent;
import dev.chorus.events.MessageType;
import dev.chorus.events.ReadPointerMoved;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

/**
 * Writes one conversation's event stream the way command-service does: seq per conversation,
 * aggregateVersion per conversation event (0 = created), memberVersion per (conversation, user),
 * event-store positions increasing across all scripts.
 */
public final class ConversationScript {

    private static final AtomicLong POSITIONS = new AtomicLong(1_000);
    private static final AtomicLong CLOCK =
            new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").getEpochSecond());

    private final UUID id = UUID.randomUUID();
    private final List<EventEnvelope> events = new ArrayList<>();
    private final Map<Long, Long> memberVersions = new HashMap<>();
    private int taken;
    private long seq;
    private long aggregateVersion = -1;

    private ConversationScript() {}

    public static ConversationScript group(long creator, long... others) {
        ConversationScript s = new ConversationScript();
        List<Member> members = new ArrayList<>();
        members.add(new Member(creator, MemberRole.ADMIN));
        LongStream.of(others).forEach(u -> members.add(new Member(u, MemberRole.MEMBER)));
        s.conversationEvent(new ConversationCreated(s.id, ConversationType.GROUP, "g", creator, members, s.tick()));
        return s;
    }

    public static ConversationScript groupOf(long creator, int members) {
        return group(
                creator,
                LongStream.rangeClosed(creator + 1, creator + members - 1).toArray());
    }

    public UUID id() {
        return id;
    }

    public long lastSeq() {
        return seq;
    }

    public ConversationScript send(long sender, String body) {
        return send(sender, MessageType.TEXT, body, List.of());
    }

    public ConversationScript sendImage(long sender) {
        return send(
                sender, MessageType.IMAGE, null, List.of(new Attachment("k/" + UUID.randomUUID(), "image/png", 42)));
    }

    public ConversationScript send(long sender, MessageType type, String body, List<Attachment> attachments) {
        seq++;
        return conversationEvent(new MessageSent(
                id,
                seq,
                UUID.randomUUID(),
                UUID.randomUUID(),
                sender,
                type,
                body,
                JsonNodeFactory.instance.objectNode().put("n", seq),
                attachments,
                tick()));
    }

    public ConversationScript join(long user) {
        return add(user, user);
    }

    public ConversationScript add(long by, long... users) {
        seq++;
        return conversationEvent(
                new MembersAdded(id, seq, by, LongStream.of(users).boxed().toList(), tick()));
    }

    public ConversationScript leave(long user) {
        return remove(user, user);
    }

    public ConversationScript remove(long by, long user) {
        seq++;
        return conversationEvent(new MemberRemoved(id, seq, by, user, tick()));
    }

    public ConversationScript delete(long by, long messageSeq) {
        return conversationEvent(new MessageDeleted(id, messageSeq, by, tick()));
    }

    public ConversationScript read(long user, long readSeq) {
        return memberEvent(new ReadPointerMoved(id, user, readSeq, nextMemberVersion(user), tick()));
    }

    public ConversationScript hide(long user, long messageSeq) {
        return memberEvent(new MessageHidden(id, user, messageSeq, nextMemberVersion(user), tick()));
    }

    public ConversationScript mute(long user, Instant until) {
        return memberEvent(new ConversationMuted(id, user, until, nextMemberVersion(user), tick()));
    }

    /** Every event so far, in stream order. */
    public List<EventEnvelope> events() {
        return List.copyOf(events);
    }

    /** The events written since the last call. */
    public List<EventEnvelope> take() {
        List<EventEnvelope> next = List.copyOf(events.subList(taken, events.size()));
        taken = events.size();
        return next;
    }

    private long nextMemberVersion(long user) {
        return memberVersions.merge(user, 1L, Long::sum);
    }

    private ConversationScript conversationEvent(ChatEvent event) {
        aggregateVersion++;
        events.add(EventEnvelope.of(UUID.randomUUID(), POSITIONS.incrementAndGet(), aggregateVersion, tick(), event));
        return this;
    }

    private ConversationScript memberEvent(ChatEvent event) {
        events.add(EventEnvelope.of(UUID.randomUUID(), POSITIONS.incrementAndGet(), null, tick(), event));
        return this;
    }

    private static Instant tick() {
        return Instant.ofEpochSecond(CLOCK.incrementAndGet());
    }
}
