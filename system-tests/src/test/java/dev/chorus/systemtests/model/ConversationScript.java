package dev.chorus.systemtests.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.systemtests.api.UserClient;
import dev.chorus.systemtests.api.UserClient.Created;
import dev.chorus.systemtests.api.UserClient.ReadAck;
import dev.chorus.systemtests.api.UserClient.Sent;
import dev.chorus.systemtests.model.ConversationModel.Member;
import dev.chorus.systemtests.model.ConversationModel.Message;
import dev.chorus.systemtests.model.ConversationModel.UsedClientId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * One conversation's random command sequence. Each step picks a command that is valid in the model's
 * current state, sends it over HTTP, checks the answer against the model's prediction and updates the
 * model from it (a send's seq comes from the answer). The random source is this conversation's own,
 * derived from the run's seed, and a conversation's steps run one at a time, so the sequence is the
 * same on every run with that seed, however the workers interleave conversations.
 */
final class ConversationScript {

    /** Far enough ahead that a mute is always "in the future", and whole seconds (exact round trip). */
    private static final Instant MUTE_BASE = Instant.parse("2035-01-01T00:00:00Z");

    private final ConversationModel model;
    private final Random random;
    private final long[] users;
    private final Map<Long, UserClient> clients;
    private final Map<String, LongAdder> counts;
    private final List<Long> initialOthers;
    /** The consistency token of the last write to the conversation aggregate. */
    String lastToken;

    ConversationScript(
            ConversationModel model,
            Random random,
            long[] users,
            List<Long> initialOthers,
            Map<Long, UserClient> clients,
            ConcurrentHashMap<String, LongAdder> counts) {
        this.model = model;
        this.random = random;
        this.users = users;
        this.initialOthers = initialOthers;
        this.clients = clients;
        this.counts = counts;
    }

    ConversationModel model() {
        return model;
    }

    /** Runs one command; returns a description of it (for failure reports). */
    String step() {
        if (model.id == null) {
            return create();
        }
        int roll = random.nextInt(100);
        if (roll < 40) {
            return send();
        }
        if (roll < 44) {
            String repeated = repeatSend();
            if (repeated != null) {
                return repeated;
            }
            return send();
        }
        if (roll < 62) {
            return markRead();
        }
        if (roll < 67) {
            String deleted = deleteForEveryone();
            if (deleted != null) {
                return deleted;
            }
            return send();
        }
        if (roll < 74) {
            return hide();
        }
        if (roll < 78) {
            return mute();
        }
        if (model.dm) {
            return roll < 80 ? createDmAgain() : send();
        }
        if (roll < 90) {
            String joined = join();
            return joined != null ? joined : send();
        }
        String left = leave();
        return left != null ? left : send();
    }

    /** A message by the creator (who never leaves), for the final catch-up wait. */
    String finalSend() {
        UUID clientMessageId = new UUID(random.nextLong(), random.nextLong());
        Sent sent = client(model.creator).send(model.id, clientMessageId, "final " + model.index);
        expectNewSeq(sent);
        model.sent(model.creator, sent.seq(), clientMessageId);
        lastToken = sent.token();
        count("final send");
        return "final send";
    }

    // ---- commands -----------------------------------------------------------------------------

    private String create() {
        UserClient creator = client(model.creator);
        Created created;
        if (model.dm) {
            created = creator.createDm(initialOthers.get(0));
        } else {
            UUID chosen = UUID.nameUUIDFromBytes(("model-group-" + random.nextLong()).getBytes());
            created = creator.createGroup(
                    chosen,
                    model.title,
                    initialOthers.stream().mapToLong(Long::longValue).toArray());
            assertThat(created.conversationId()).isEqualTo(chosen);
        }
        assertThat(created.status()).as("create").isEqualTo(201);
        List<Long> members = new ArrayList<>();
        members.add(model.creator);
        members.addAll(initialOthers);
        model.created(created.conversationId(), members);
        lastToken = created.token();
        count(model.dm ? "create DM" : "create group");
        return "create " + (model.dm ? "DM" : "group") + " " + members;
    }

    private String createDmAgain() {
        long[] pair = {model.creator, initialOthers.get(0)};
        int who = random.nextInt(2);
        Created again = client(pair[who]).createDm(pair[1 - who]);
        assertThat(again.status()).as("DM created again").isEqualTo(200);
        assertThat(again.conversationId()).isEqualTo(model.id);
        count("create DM again");
        return "create DM again by " + pair[who];
    }

    private String send() {
        long sender = randomActive();
        UUID clientMessageId = new UUID(random.nextLong(), random.nextLong());
        Sent sent = client(sender).send(model.id, clientMessageId, "message " + random.nextInt(1_000_000));
        assertThat(sent.status()).as("send").isEqualTo(201);
        expectNewSeq(sent);
        model.sent(sender, sent.seq(), clientMessageId);
        lastToken = sent.token();
        count("send");
        return "send by " + sender + " -> seq " + sent.seq();
    }

    /** The same clientMessageId again: the original comes back, nothing is appended. */
    private String repeatSend() {
        List<Member> candidates = model.activeMembers().stream()
                .filter(m -> model.clientIds.containsKey(m.userId))
                .toList();
        if (candidates.isEmpty()) {
            return null;
        }
        Member sender = candidates.get(random.nextInt(candidates.size()));
        List<UsedClientId> used = model.clientIds.get(sender.userId);
        UsedClientId original = used.get(random.nextInt(used.size()));
        Sent sent = client(sender.userId).send(model.id, original.clientMessageId(), "retry");
        assertThat(sent.status()).as("repeated send").isEqualTo(200);
        assertThat(sent.seq()).as("repeated send seq").isEqualTo(original.seq());
        count("send again (same clientMessageId)");
        return "send again by " + sender.userId + " of seq " + original.seq();
    }

    private String markRead() {
        long reader = randomActive();
        long upTo = random.nextInt((int) model.lastSeq + 4);
        long before = model.members.get(reader).readSeq;
        long expected = model.markedRead(reader, upTo);
        ReadAck ack = client(reader).markRead(model.id, upTo);
        assertThat(ack.readSeq())
                .as("readSeq of user %d marking %d (pointer was %d, last seq %d)", reader, upTo, before, model.lastSeq)
                .isEqualTo(expected);
        count(expected > before ? "mark read (moves)" : "mark read (no-op or clamped)");
        return "mark read by " + reader + " up to " + upTo + " -> " + expected;
    }

    private String deleteForEveryone() {
        List<Message> countable =
                model.messages.values().stream().filter(m -> !m.system).toList();
        if (countable.isEmpty()) {
            return null;
        }
        Message message = countable.get(random.nextInt(countable.size()));
        long actor = model.isActive(message.sender) && random.nextBoolean() ? message.sender : model.creator;
        client(actor).deleteForEveryone(model.id, message.seq);
        count(message.deleted ? "delete for everyone (again)" : "delete for everyone");
        message.deleted = true;
        return "delete seq " + message.seq + " by " + actor;
    }

    private String hide() {
        if (model.lastSeq == 0) {
            return send();
        }
        long user = randomActive();
        long seq = 1 + random.nextInt((int) model.lastSeq);
        client(user).hide(model.id, seq);
        model.members.get(user).hidden.add(seq);
        count("hide (delete for me)");
        return "hide seq " + seq + " by " + user;
    }

    private String mute() {
        long user = randomActive();
        Instant until = random.nextInt(4) == 0 ? null : MUTE_BASE.plusSeconds(random.nextInt(10_000_000));
        client(user).mute(model.id, until);
        model.members.get(user).mutedUntil = until;
        count(until == null ? "unmute" : "mute");
        return (until == null ? "unmute by " : "mute until " + until + " by ") + user;
    }

    private String join() {
        List<Long> outside = new ArrayList<>();
        for (long user : users) {
            if (!model.isActive(user)) {
                outside.add(user);
            }
        }
        if (outside.isEmpty()) {
            return null;
        }
        int howMany = 1 + random.nextInt(Math.min(3, outside.size()));
        List<Long> joiners = new ArrayList<>();
        for (int i = 0; i < howMany; i++) {
            joiners.add(outside.remove(random.nextInt(outside.size())));
        }
        boolean rejoin = joiners.stream().anyMatch(model.members::containsKey);
        lastToken = client(model.creator)
                .addMembers(
                        model.id, joiners.stream().mapToLong(Long::longValue).toArray())
                .token();
        model.joined(model.creator, joiners);
        count(rejoin ? "add members (with a re-join)" : "add members");
        return "add " + joiners + " -> seq " + model.lastSeq;
    }

    /** A member leaves, or the creator (the admin) removes them; the creator stays, and so do two. */
    private String leave() {
        List<Member> leavers = model.activeMembers().stream()
                .filter(m -> m.userId != model.creator)
                .toList();
        if (leavers.size() < 2) {
            return null;
        }
        long leaver = leavers.get(random.nextInt(leavers.size())).userId;
        boolean removed = random.nextBoolean();
        long actor = removed ? model.creator : leaver;
        lastToken = client(actor).removeMember(model.id, leaver).token();
        model.left(actor, leaver);
        count(removed ? "remove member" : "leave");
        return (removed ? "remove " : "leave of ") + leaver + " -> seq " + model.lastSeq;
    }

    // ---- helpers ------------------------------------------------------------------------------

    private void expectNewSeq(Sent sent) {
        assertThat(sent.conversationId()).isEqualTo(model.id);
        assertThat(sent.seq()).as("seq of a new message").isEqualTo(model.lastSeq + 1);
    }

    private long randomActive() {
        List<Member> active = model.activeMembers();
        return active.get(random.nextInt(active.size())).userId;
    }

    private UserClient client(long userId) {
        return clients.get(userId);
    }

    private void count(String what) {
        counts.computeIfAbsent(what, k -> new LongAdder()).increment();
    }
}
