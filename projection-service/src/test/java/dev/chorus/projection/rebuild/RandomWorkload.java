package dev.chorus.projection.rebuild;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.chorus.events.Attachment;
import dev.chorus.events.ChatEvent;
import dev.chorus.events.ConversationCreated;
import dev.chorus.events.ConversationMuted;
import dev.chorus.events.ConversationType;
import dev.chorus.events.Member;
import dev.chorus.events.MemberRemoved;
import dev.chorus.events.MemberRole;
import dev.chorus.events.MembersAdded;
import dev.chorus.events.MessageDeleted;
import dev.chorus.events.MessageHidden;
import dev.chorus.events.MessageSent;
import dev.chorus.events.MessageType;
import dev.chorus.events.ReadPointerMoved;
import dev.chorus.projection.rebuild.EventStoreWriter.Pending;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * A seeded random workload that follows command-service's rules: creates (groups and DMs), joins,
 * adds, leaves, removals, sends, reads (monotonic, clamped to the last seq), deletes for everyone,
 * hides, mutes and unmutes, over a pool of users; only active members act.
 */
final class RandomWorkload {

    private static final class Conversation {
        final UUID id = UUID.randomUUID();
        final ConversationType type;
        final Set<Long> active = new LinkedHashSet<>();
        final Map<Long, Long> memberVersions = new HashMap<>();
        final Map<Long, Long> readPointers = new HashMap<>();
        final Map<Long, Boolean> muted = new HashMap<>();
        /** seq -> sender of the messages (not the SYSTEM rows of joins and leaves). */
        final Map<Long, Long> senders = new HashMap<>();

        final Set<Long> deleted = new HashSet<>();
        final Map<Long, Set<Long>> hidden = new HashMap<>();
        long seq;
        long version = -1;

        Conversation(ConversationType type) {
            this.type = type;
        }
    }

    private final Random random;
    private final long firstUser;
    private final int users;
    private final List<Conversation> conversations = new ArrayList<>();
    private Instant clock = Instant.parse("2026-03-01T08:00:00Z");

    RandomWorkload(long seed, long firstUser, int users) {
        this.random = new Random(seed);
        this.firstUser = firstUser;
        this.users = users;
    }

    List<UUID> conversationIds() {
        return conversations.stream().map(c -> c.id).toList();
    }

    /** The next {@code n} events. */
    List<Pending> next(int n) {
        List<Pending> out = new ArrayList<>(n);
        while (out.size() < n) {
            Pending p = step();
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    private Pending step() {
        if (conversations.size() < 3 || random.nextInt(100) < 6) {
            return create();
        }
        Conversation c = conversations.get(random.nextInt(conversations.size()));
        if (c.active.isEmpty()) {
            return null;
        }
        int roll = random.nextInt(100);
        if (roll < 45) {
            return send(c);
        }
        if (roll < 65) {
            return read(c);
        }
        if (roll < 71) {
            return join(c);
        }
        if (roll < 76) {
            return leave(c);
        }
        if (roll < 82) {
            return delete(c);
        }
        if (roll < 90) {
            return hide(c);
        }
        return mute(c);
    }

    private Pending create() {
        boolean dm = random.nextInt(3) == 0;
        Conversation c = new Conversation(dm ? ConversationType.DM : ConversationType.GROUP);
        int size = dm ? 2 : 2 + random.nextInt(7);
        while (c.active.size() < size) {
            c.active.add(user());
        }
        List<Member> members = new ArrayList<>();
        boolean first = true;
        for (long u : c.active) {
            members.add(new Member(u, first ? MemberRole.ADMIN : MemberRole.MEMBER));
            first = false;
            c.readPointers.put(u, 0L);
        }
        conversations.add(c);
        return conversationEvent(
                c,
                new ConversationCreated(
                        c.id,
                        c.type,
                        dm ? null : "group " + conversations.size(),
                        members.get(0).userId(),
                        members,
                        tick()));
    }

    private Pending send(Conversation c) {
        long sender = pick(c.active);
        long seq = ++c.seq;
        c.senders.put(seq, sender);
        c.readPointers.put(sender, seq);
        int kind = random.nextInt(10);
        MessageType type = kind == 0 ? MessageType.IMAGE : kind == 1 ? MessageType.FILE : MessageType.TEXT;
        List<Attachment> attachments = type == MessageType.TEXT
                ? List.of()
                : List.of(new Attachment(
                        "blob/" + UUID.randomUUID(),
                        type == MessageType.IMAGE ? "image/png" : "application/pdf",
                        1 + random.nextInt(1_000_000)));
        String body = type == MessageType.IMAGE ? null : "message " + seq + " " + "x".repeat(random.nextInt(200));
        return conversationEvent(
                c,
                new MessageSent(
                        c.id,
                        seq,
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        sender,
                        type,
                        body,
                        random.nextBoolean()
                                ? JsonNodeFactory.instance.objectNode().put("n", seq)
                                : null,
                        attachments,
                        tick()));
    }

    private Pending read(Conversation c) {
        long user = pick(c.active);
        long pointer = c.readPointers.getOrDefault(user, 0L);
        if (pointer >= c.seq) {
            return null;
        }
        // The command side clamps to the last seq and only appends when the pointer moves forward.
        long upTo = Math.min(c.seq, pointer + 1 + random.nextInt((int) (c.seq - pointer) + 2));
        c.readPointers.put(user, upTo);
        return memberEvent(c, user, v -> new ReadPointerMoved(c.id, user, upTo, v, tick()));
    }

    private Pending join(Conversation c) {
        if (c.type == ConversationType.DM) {
            return null;
        }
        long user = user();
        if (c.active.contains(user)) {
            return null;
        }
        long seq = ++c.seq;
        long by = random.nextBoolean() ? user : pick(c.active);
        c.active.add(user);
        c.readPointers.put(user, seq);
        return conversationEvent(c, new MembersAdded(c.id, seq, by, List.of(user), tick()));
    }

    private Pending leave(Conversation c) {
        if (c.type == ConversationType.DM || c.active.size() < 3) {
            return null;
        }
        long user = pick(c.active);
        long by = random.nextBoolean() ? user : pick(c.active);
        long seq = ++c.seq;
        c.active.remove(user);
        return conversationEvent(c, new MemberRemoved(c.id, seq, by, user, tick()));
    }

    private Pending delete(Conversation c) {
        List<Long> candidates = c.senders.keySet().stream()
                .filter(s -> !c.deleted.contains(s) && c.active.contains(c.senders.get(s)))
                .toList();
        if (candidates.isEmpty()) {
            return null;
        }
        long seq = candidates.get(random.nextInt(candidates.size()));
        c.deleted.add(seq);
        return conversationEvent(c, new MessageDeleted(c.id, seq, c.senders.get(seq), tick()));
    }

    private Pending hide(Conversation c) {
        if (c.seq == 0) {
            return null;
        }
        long user = pick(c.active);
        long seq = 1 + random.nextInt((int) c.seq);
        if (!c.hidden.computeIfAbsent(user, u -> new HashSet<>()).add(seq)) {
            return null;
        }
        return memberEvent(c, user, v -> new MessageHidden(c.id, user, seq, v, tick()));
    }

    private Pending mute(Conversation c) {
        long user = pick(c.active);
        boolean mutedNow = c.muted.getOrDefault(user, false);
        c.muted.put(user, !mutedNow);
        Instant until = mutedNow ? null : clock.plus(1 + random.nextInt(72), ChronoUnit.HOURS);
        return memberEvent(c, user, v -> new ConversationMuted(c.id, user, until, v, tick()));
    }

    private Pending conversationEvent(Conversation c, ChatEvent event) {
        c.version++;
        return new Pending(event, c.version);
    }

    private Pending memberEvent(Conversation c, long user, java.util.function.LongFunction<ChatEvent> event) {
        long version = c.memberVersions.merge(user, 1L, Long::sum);
        return new Pending(event.apply(version), null);
    }

    private long user() {
        return firstUser + random.nextInt(users);
    }

    private long pick(Set<Long> set) {
        int i = random.nextInt(set.size());
        for (long u : set) {
            if (i-- == 0) {
                return u;
            }
        }
        throw new IllegalStateException("empty");
    }

    private Instant tick() {
        clock = clock.plusMillis(1 + random.nextInt(5_000));
        return clock;
    }
}
