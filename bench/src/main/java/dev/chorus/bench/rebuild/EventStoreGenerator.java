package dev.chorus.bench.rebuild;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.chorus.events.Attachment;
import dev.chorus.events.ChatEvent;
import dev.chorus.events.ConversationCreated;
import dev.chorus.events.ConversationMuted;
import dev.chorus.events.ConversationType;
import dev.chorus.events.EventCodec;
import dev.chorus.events.EventTypes;
import dev.chorus.events.Member;
import dev.chorus.events.MemberEvent;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A deterministic chat history in command-service's event-store layout (domain_event_entry rows as
 * COPY text lines): conversations (mostly DMs and small groups, plus a few groups above the
 * large-group threshold), then a skewed mix of sends, reads, joins, leaves, deletes, hides and mutes
 * that follows the command side's rules. Payloads are encoded by the shared EventCodec.
 */
final class EventStoreGenerator {

    /** What the generated history holds. */
    record Shape(long events, int users, int conversations, int largeGroups, int largeGroupSize, long seed) {}

    /** Counts per event type and the size of the result. */
    record Summary(Map<String, Long> byType, long memberships, long activeMemberships, long payloadBytes) {}

    private static final class Conversation {
        final UUID id;
        final String idText;
        final boolean dm;
        final LinkedHashSet<Long> active = new LinkedHashSet<>();
        final List<Long> activeList = new ArrayList<>();
        final Map<Long, long[]> members = new HashMap<>(); // user -> {memberVersion, readSeq, muted}
        final List<long[]> messages = new ArrayList<>(); // {seq, sender, deleted}
        long seq;
        long version = -1;

        Conversation(UUID id, boolean dm) {
            this.id = id;
            this.idText = id.toString();
            this.dm = dm;
        }

        void activate(long user, long readSeq) {
            if (active.add(user)) {
                activeList.add(user);
            }
            long[] state = members.computeIfAbsent(user, u -> new long[3]);
            state[1] = Math.max(state[1], readSeq);
        }

        void deactivate(long user) {
            active.remove(user);
            activeList.remove(user);
        }
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Shape shape;
    private final SplittableRandom random;
    private final Random uuids;
    private final List<Conversation> conversations = new ArrayList<>();
    private final Map<String, Long> byType = new HashMap<>();
    private long position;
    private long payloadBytes;
    private long memberships;
    private long clock = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();

    EventStoreGenerator(Shape shape) {
        this.shape = shape;
        this.random = new SplittableRandom(shape.seed());
        this.uuids = new Random(shape.seed() ^ 0x5DEECE66DL);
    }

    /** Emits {@code shape.events()} COPY lines (tab-separated, newline-terminated) to {@code sink}. */
    Summary generate(Consumer<String> sink) {
        StringBuilder line = new StringBuilder(2048);
        long createEvery = Math.max(1, shape.events() / 10 / Math.max(1, shape.conversations()));
        while (position < shape.events()) {
            ChatEvent event;
            Long aggregateVersion;
            Conversation c;
            if (conversations.size() < shape.conversations()
                    && (conversations.size() < 10 || position % createEvery == 0)) {
                c = newConversation();
                event = created(c);
            } else {
                c = pickConversation();
                event = act(c);
                if (event == null) {
                    continue;
                }
            }
            aggregateVersion = event instanceof MemberEvent ? null : ++c.version;
            write(line, c, event, aggregateVersion);
            sink.accept(line.toString());
        }
        long active = conversations.stream().mapToLong(x -> x.active.size()).sum();
        return new Summary(Map.copyOf(byType), memberships, active, payloadBytes);
    }

    private Conversation newConversation() {
        int index = conversations.size();
        boolean large = index < shape.largeGroups();
        boolean dm = !large && random.nextInt(10) < 7;
        Conversation c = new Conversation(new UUID(uuids.nextLong(), uuids.nextLong()), dm);
        int size = large
                ? shape.largeGroupSize()
                : dm ? 2 : 3 + (int) Math.min(47, Math.round(-Math.log(1 - random.nextDouble()) * 6));
        while (c.active.size() < size) {
            c.activate(1 + random.nextInt(shape.users()), 0);
        }
        memberships += size;
        conversations.add(c);
        return c;
    }

    private ChatEvent created(Conversation c) {
        int index = conversations.size();
        List<Member> members = new ArrayList<>(c.activeList.size());
        for (long u : c.activeList) {
            members.add(new Member(u, members.isEmpty() ? MemberRole.ADMIN : MemberRole.MEMBER));
        }
        return new ConversationCreated(
                c.id,
                c.dm ? ConversationType.DM : ConversationType.GROUP,
                c.dm ? null : "group " + index,
                members.get(0).userId(),
                members,
                tick());
    }

    /** Skewed: a few conversations are busy, most are quiet (index = n * u^2). */
    private Conversation pickConversation() {
        double u = random.nextDouble();
        return conversations.get((int) (conversations.size() * u * u));
    }

    private ChatEvent act(Conversation c) {
        int roll = random.nextInt(1000);
        if (roll < 720) {
            return send(c);
        }
        if (roll < 940) {
            return read(c);
        }
        if (roll < 960) {
            return join(c);
        }
        if (roll < 975) {
            return leave(c);
        }
        if (roll < 985) {
            return delete(c);
        }
        if (roll < 995) {
            return hide(c);
        }
        return mute(c);
    }

    private long anyActive(Conversation c) {
        return c.activeList.get(random.nextInt(c.activeList.size()));
    }

    private ChatEvent send(Conversation c) {
        long sender = anyActive(c);
        long seq = ++c.seq;
        c.messages.add(new long[] {seq, sender, 0});
        c.members.get(sender)[1] = seq;
        int kind = random.nextInt(20);
        MessageType type = kind == 0 ? MessageType.IMAGE : kind == 1 ? MessageType.FILE : MessageType.TEXT;
        List<Attachment> attachments = type == MessageType.TEXT
                ? List.of()
                : List.of(new Attachment(
                        "blob/" + c.idText + "/" + seq,
                        type == MessageType.IMAGE ? "image/jpeg" : "application/pdf",
                        1_000 + random.nextInt(5_000_000)));
        String body = type == MessageType.IMAGE ? null : text(8 + random.nextInt(120));
        return new MessageSent(
                c.id,
                seq,
                new UUID(uuids.nextLong(), uuids.nextLong()),
                new UUID(uuids.nextLong(), uuids.nextLong()),
                sender,
                type,
                body,
                random.nextInt(4) == 0 ? JSON.objectNode().put("client", "bench") : null,
                attachments,
                tick());
    }

    private ChatEvent read(Conversation c) {
        long user = anyActive(c);
        long[] state = c.members.get(user);
        if (state[1] >= c.seq) {
            return null;
        }
        long upTo = random.nextInt(4) == 0 ? state[1] + 1 + random.nextInt((int) (c.seq - state[1])) : c.seq;
        state[1] = upTo;
        return new ReadPointerMoved(c.id, user, upTo, ++state[0], tick());
    }

    private ChatEvent join(Conversation c) {
        if (c.dm) {
            return null;
        }
        long user = 1 + random.nextInt(shape.users());
        if (c.active.contains(user)) {
            return null;
        }
        long seq = ++c.seq;
        long by = random.nextBoolean() ? user : anyActive(c);
        c.activate(user, seq);
        memberships++;
        return new MembersAdded(c.id, seq, by, List.of(user), tick());
    }

    private ChatEvent leave(Conversation c) {
        if (c.dm || c.active.size() < 3) {
            return null;
        }
        long user = anyActive(c);
        long seq = ++c.seq;
        c.deactivate(user);
        return new MemberRemoved(c.id, seq, user, user, tick());
    }

    private ChatEvent delete(Conversation c) {
        if (c.messages.isEmpty()) {
            return null;
        }
        long[] message = c.messages.get(c.messages.size() - 1 - random.nextInt(Math.min(20, c.messages.size())));
        if (message[2] != 0 || !c.active.contains(message[1])) {
            return null;
        }
        message[2] = 1;
        return new MessageDeleted(c.id, message[0], message[1], tick());
    }

    private ChatEvent hide(Conversation c) {
        if (c.messages.isEmpty()) {
            return null;
        }
        long user = anyActive(c);
        long seq = c.messages.get(c.messages.size() - 1 - random.nextInt(Math.min(20, c.messages.size())))[0];
        return new MessageHidden(c.id, user, seq, ++c.members.get(user)[0], tick());
    }

    private ChatEvent mute(Conversation c) {
        long user = anyActive(c);
        long[] state = c.members.get(user);
        state[2] = 1 - state[2];
        Instant until =
                state[2] == 1 ? Instant.ofEpochMilli(clock).plusSeconds(3600L * (1 + random.nextInt(48))) : null;
        return new ConversationMuted(c.id, user, until, ++state[0], tick());
    }

    private void write(StringBuilder line, Conversation c, ChatEvent event, Long aggregateVersion) {
        position++;
        EventTypes.Descriptor d = EventTypes.describe(event.getClass());
        byType.merge(d.name(), 1L, Long::sum);
        byte[] payload = EventCodec.encodePayload(event);
        payloadBytes += payload.length;
        line.setLength(0);
        line.append(position).append('\t');
        if (event instanceof MemberEvent member) {
            line.append("member:")
                    .append(c.idText)
                    .append(':')
                    .append(member.userId())
                    .append('\t');
            line.append(member.memberVersion() - 1)
                    .append('\t')
                    .append("ConversationMember")
                    .append('\t');
        } else {
            line.append(c.idText)
                    .append('\t')
                    .append(aggregateVersion)
                    .append('\t')
                    .append("Conversation")
                    .append('\t');
        }
        line.append(new UUID(uuids.nextLong(), uuids.nextLong())).append('\t');
        line.append("\\\\x7b7d").append('\t'); // meta_data: {}
        line.append("\\\\x");
        for (byte b : payload) {
            line.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
        line.append('\t')
                .append(d.version())
                .append('\t')
                .append(event.getClass().getName())
                .append('\t');
        line.append(Instant.ofEpochMilli(clock)).append('\n');
    }

    private Instant tick() {
        clock += 1 + random.nextInt(400);
        return Instant.ofEpochMilli(clock);
    }

    /**
     * Words from a fixed vocabulary with a Zipf-like skew (a few words are everywhere, most are
     * rare), as in real chat: what the full-text index sees matters for its build time.
     */
    private String text(int length) {
        StringBuilder b = new StringBuilder(length + 12);
        while (b.length() < length) {
            double u = random.nextDouble();
            b.append(VOCABULARY[(int) (VOCABULARY.length * u * u * u)]).append(' ');
        }
        return b.toString().trim();
    }

    private static final String[] VOCABULARY = vocabulary(20_000);

    /** Pronounceable pseudo-words, the same for every run. */
    private static String[] vocabulary(int size) {
        String[] syllables = {
            "ka", "lo", "mi", "ne", "ru", "ta", "so", "vi", "de", "po", "la", "me", "ni", "sa", "to", "ve", "ri", "mo",
            "ze", "ba"
        };
        String[] words = new String[size];
        for (int i = 0; i < size; i++) {
            StringBuilder w = new StringBuilder();
            int n = i;
            do {
                w.append(syllables[n % syllables.length]);
                n /= syllables.length;
            } while (n > 0);
            words[i] = w.toString();
        }
        return words;
    }
}
