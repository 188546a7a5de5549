package dev.chorus.systemtests.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chorus.systemtests.api.Inbox;
import dev.chorus.systemtests.api.InboxEntry;
import dev.chorus.systemtests.api.UserClient;
import dev.chorus.systemtests.model.ConversationModel.Member;
import dev.chorus.systemtests.stack.EventsTopic;
import dev.chorus.systemtests.stack.SystemStack;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToIntFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The randomized model-based test of issue 3: a few thousand random valid commands (creates, joins,
 * re-joins, leaves and removals, sends and repeated sends, reads, deletes for everyone, hides, mutes)
 * across dozens of users and conversations, over HTTP from a small thread pool; a plain in-memory model
 * ({@link ConversationModel}) computes every user's expected inbox. Duplicated and replayed deliveries are
 * injected by producing records already on the topic again: a random sample while commands are still
 * running, then a whole partition range from an earlier offset (what a consumer-group reset delivers)
 * plus another sample. After a final write per conversation (whose consistency token proves the
 * projection is past everything injected before it), every page of every user's inbox must equal the
 * model exactly.
 *
 * <p>The stack's large-group threshold is {@value SystemStack#LARGE_GROUP_THRESHOLD}, so most groups take
 * the fan-out-on-read path and DMs and small groups the fan-out-on-write path; groups cross it both ways
 * as members join and leave. Reproduce a failure with {@code -Dsystemtests.seed=<seed>} (printed at the
 * start and in every failure); {@code -Dsystemtests.model.commands=<n>} scales the run.
 */
@ExtendWith(SystemStack.class)
class InboxModelIT {

    private static final int USERS = 36;
    private static final int DMS = 10;
    private static final int GROUPS = 30;
    private static final int COMMANDS = Integer.getInteger("systemtests.model.commands", 2_000);
    private static final int THREADS = Integer.getInteger("systemtests.model.threads", 4);
    /** Small pages, so most users' inboxes take several and the seek cursor is exercised. */
    private static final int PAGE_SIZE = 3;

    private final SystemStack.Running stack;
    private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();

    InboxModelIT(SystemStack.Running stack) {
        this.stack = stack;
    }

    @Test
    void everyInboxMatchesTheModelAfterDuplicatedAndReplayedDeliveries() throws Exception {
        String fixed = System.getProperty("systemtests.seed");
        long seed = fixed != null && !fixed.isBlank() ? Long.parseLong(fixed.trim()) : new SecureRandom().nextLong();
        System.out.printf("InboxModelIT seed=%d (rerun: -Dsystemtests.seed=%d)%n", seed, seed);
        try {
            run(seed);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("InboxModelIT failed with seed=" + seed + ": " + e.getMessage(), e);
        }
    }

    private void run(long seed) throws Exception {
        long began = System.nanoTime();
        long[] users = stack.newUsers(USERS);
        Map<Long, UserClient> clients = new HashMap<>();
        for (long user : users) {
            clients.put(user, stack.api().as(user));
        }
        List<ConversationScript> scripts = plan(new Random(seed), users, clients);
        Map<ConversationScript, Integer> steps = stepBudget(new Random(seed ^ 0x5DEECE66DL), scripts);
        int totalSteps = steps.values().stream().mapToInt(Integer::intValue).sum();

        try (EventsTopic topic = new EventsTopic(stack.kafkaBootstrapServers())) {
            runSteps(scripts, s -> 0, s -> steps.get(s) / 2, null);
            long phase1 = System.nanoTime();

            // Duplicates while commands keep coming: a sample of what is on the topic so far, in order.
            Random injection = new Random(seed ^ 0x1F2E3D4CL);
            AtomicReference<String> firstInjection = new AtomicReference<>();
            Runnable injectSample = () -> {
                List<ConsumerRecord<String, byte[]>> all = topic.readAll(EventsTopic.NAME);
                List<ConsumerRecord<String, byte[]>> sample = sample(all, injection, 0.3, 0.2);
                topic.reproduce(sample);
                firstInjection.set(sample.size() + " of " + all.size() + " records re-produced while commands ran "
                        + EventsTopic.countByType(sample));
            };
            runSteps(scripts, s -> steps.get(s) / 2, steps::get, injectSample);

            // After the run: a partition replayed from an earlier offset (a group reset), plus a sample.
            List<ConsumerRecord<String, byte[]>> all = topic.readAll(EventsTopic.NAME);
            List<ConsumerRecord<String, byte[]>> replay = replayFromEarlierOffset(all, injection);
            List<ConsumerRecord<String, byte[]>> sample = sample(all, injection, 0.15, 0.0);
            topic.reproduce(replay);
            topic.reproduce(sample);
            long commandsDone = System.nanoTime();

            // One last write per conversation; once its token is visible, so is everything before it.
            for (ConversationScript script : scripts) {
                script.finalSend();
            }
            for (ConversationScript script : scripts) {
                clients.get(script.model().creator).await(script.lastToken);
            }

            System.out.printf(
                    "InboxModelIT: %d users, %d conversations (%d DMs, %d groups), %d commands + %d final sends"
                            + " in %d s (phase 1 %d s), %d threads%n  commands: %s%n  injected 1: %s%n"
                            + "  injected 2: %d records replayed from an earlier offset of partition %s, %d sampled"
                            + " %s (topic had %d records)%n",
                    USERS,
                    scripts.size(),
                    DMS,
                    GROUPS,
                    totalSteps,
                    scripts.size(),
                    Duration.ofNanos(commandsDone - began).toSeconds(),
                    Duration.ofNanos(phase1 - began).toSeconds(),
                    THREADS,
                    new TreeMap<>(counts),
                    firstInjection.get(),
                    replay.size(),
                    replay.isEmpty() ? "-" : replay.get(0).partition(),
                    sample.size(),
                    EventsTopic.countByType(replay.isEmpty() ? sample : concat(replay, sample)),
                    all.size());

            verify(users, clients, scripts);
            assertThat(topic.readAll(EventsTopic.DEAD_LETTERS))
                    .as("records projection-service parked on the dead-letter topic")
                    .isEmpty();
            System.out.printf(
                    "InboxModelIT: all %d inboxes equal the model; done in %d s%n",
                    USERS, Duration.ofNanos(System.nanoTime() - began).toSeconds());
        }
    }

    // ---- planning -----------------------------------------------------------------------------

    private List<ConversationScript> plan(Random random, long[] users, Map<Long, UserClient> clients) {
        List<ConversationScript> scripts = new ArrayList<>();
        Set<String> dmPairs = new HashSet<>();
        int index = 0;
        while (dmPairs.size() < DMS) {
            long a = users[random.nextInt(users.length)];
            long b = users[random.nextInt(users.length)];
            if (a == b || !dmPairs.add(Math.min(a, b) + "-" + Math.max(a, b))) {
                continue;
            }
            ConversationModel model = new ConversationModel(index, true, a, null);
            scripts.add(
                    new ConversationScript(model, new Random(random.nextLong()), users, List.of(b), clients, counts));
            index++;
        }
        for (int g = 0; g < GROUPS; g++) {
            long creator = users[random.nextInt(users.length)];
            List<Long> others = new ArrayList<>();
            for (long user : users) {
                if (user != creator) {
                    others.add(user);
                }
            }
            Collections.shuffle(others, random);
            int size = 2 + random.nextInt(6); // 3..8 members with the creator
            ConversationModel model = new ConversationModel(index, false, creator, "model group " + index);
            scripts.add(new ConversationScript(
                    model,
                    new Random(random.nextLong()),
                    users,
                    List.copyOf(others.subList(0, size)),
                    clients,
                    counts));
            index++;
        }
        return scripts;
    }

    /** Busy and quiet conversations: COMMANDS steps (the creates included) shared by random weights. */
    private static Map<ConversationScript, Integer> stepBudget(Random random, List<ConversationScript> scripts) {
        Map<ConversationScript, Integer> weights = new LinkedHashMap<>();
        for (ConversationScript script : scripts) {
            weights.put(script, script.model().dm ? 1 + random.nextInt(3) : 1 + random.nextInt(6));
        }
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        Map<ConversationScript, Integer> steps = new LinkedHashMap<>();
        weights.forEach((script, weight) -> steps.put(script, Math.max(2, COMMANDS * weight / total)));
        return steps;
    }

    // ---- running ------------------------------------------------------------------------------

    /**
     * Runs steps [from, to) of every script, each script's steps in order on one worker at a time,
     * scripts in parallel; {@code alongside} (if any) runs on the caller's thread meanwhile. The first
     * failure stops the rest and is rethrown with the failing script's recent commands.
     */
    private void runSteps(
            List<ConversationScript> scripts,
            ToIntFunction<ConversationScript> from,
            ToIntFunction<ConversationScript> to,
            Runnable alongside)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        AtomicReference<AssertionError> failure = new AtomicReference<>();
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (ConversationScript script : scripts) {
                futures.add(pool.submit(() -> {
                    Deque<String> recent = new ArrayDeque<>();
                    for (int i = from.applyAsInt(script); i < to.applyAsInt(script) && failure.get() == null; i++) {
                        try {
                            recent.addLast(script.step());
                        } catch (Throwable t) {
                            failure.compareAndSet(
                                    null,
                                    new AssertionError(
                                            "Conversation #" + script.model().index + " (" + script.model().id
                                                    + "), step " + i + " failed after " + recent + ": "
                                                    + t.getMessage(),
                                            t));
                            return;
                        }
                        if (recent.size() > 8) {
                            recent.removeFirst();
                        }
                    }
                }));
            }
            if (alongside != null) {
                alongside.run();
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    // ---- injecting deliveries -----------------------------------------------------------------

    /** Each record with probability {@code p}, some of those twice in a row; offset order kept. */
    private static List<ConsumerRecord<String, byte[]>> sample(
            List<ConsumerRecord<String, byte[]>> records, Random random, double p, double twice) {
        List<ConsumerRecord<String, byte[]>> sample = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (random.nextDouble() < p) {
                sample.add(record);
                if (random.nextDouble() < twice) {
                    sample.add(record);
                }
            }
        }
        return sample;
    }

    /** Everything from a random offset in the first half of one partition to its end, in order. */
    private static List<ConsumerRecord<String, byte[]>> replayFromEarlierOffset(
            List<ConsumerRecord<String, byte[]>> records, Random random) {
        Map<Integer, List<ConsumerRecord<String, byte[]>>> byPartition = new TreeMap<>();
        records.forEach(r -> byPartition
                .computeIfAbsent(r.partition(), p -> new ArrayList<>())
                .add(r));
        if (byPartition.isEmpty()) {
            return List.of();
        }
        List<Integer> partitions = new ArrayList<>(byPartition.keySet());
        List<ConsumerRecord<String, byte[]>> partition =
                byPartition.get(partitions.get(random.nextInt(partitions.size())));
        int start = random.nextInt(Math.max(1, partition.size() / 2));
        return List.copyOf(partition.subList(start, partition.size()));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    // ---- verifying ----------------------------------------------------------------------------

    private void verify(long[] users, Map<Long, UserClient> clients, List<ConversationScript> scripts) {
        List<String> mismatches = new ArrayList<>();
        int pages = 0;
        int entries = 0;
        for (long user : users) {
            Map<UUID, InboxEntry> expected = new LinkedHashMap<>();
            for (ConversationScript script : scripts) {
                ConversationModel model = script.model();
                if (model.isActive(user)) {
                    expected.put(model.id, model.expectedEntry(user));
                }
            }
            Inbox inbox = clients.get(user).inbox(PAGE_SIZE);
            pages += inbox.pages();
            Map<UUID, InboxEntry> actual = inbox.byConversation();
            entries += actual.size();
            for (Map.Entry<UUID, InboxEntry> e : expected.entrySet()) {
                InboxEntry got = actual.get(e.getKey());
                if (!e.getValue().equals(got)) {
                    mismatches.add("user " + user + ": expected " + e.getValue() + " but got " + got);
                }
            }
            for (UUID extra : actual.keySet()) {
                if (!expected.containsKey(extra)) {
                    mismatches.add("user " + user + ": unexpected entry " + actual.get(extra));
                }
            }
            checkOrder(user, inbox, scripts, mismatches);
        }
        for (ConversationScript script : scripts) {
            checkMembers(clients, script.model(), mismatches);
        }
        int large = 0;
        for (ConversationScript script : scripts) {
            if (stack.readModel().inboxRows(script.model().id) == 0) {
                large++;
            }
        }
        System.out.printf(
                "InboxModelIT: %d inbox entries on %d pages checked; %d of %d conversations fanned out on read"
                        + " (threshold %d)%n",
                entries, pages, large, scripts.size(), SystemStack.LARGE_GROUP_THRESHOLD);
        if (!mismatches.isEmpty()) {
            throw new AssertionError(mismatches.size() + " differences between the query API and the model (first 25):"
                    + System.lineSeparator()
                    + String.join(System.lineSeparator(), mismatches.subList(0, Math.min(25, mismatches.size()))));
        }
    }

    /**
     * Newest activity first: where the last visible message is also the conversation's last seq, its
     * sentAt is the conversation's last activity, so those entries must come in non-increasing sentAt.
     */
    private static void checkOrder(long user, Inbox inbox, List<ConversationScript> scripts, List<String> mismatches) {
        Map<UUID, Long> lastSeqs = new HashMap<>();
        scripts.forEach(s -> lastSeqs.put(s.model().id, s.model().lastSeq));
        Instant previous = null;
        for (JsonNode item : inbox.items()) {
            JsonNode last = item.get("lastMessage");
            UUID id = UUID.fromString(item.get("conversationId").asText());
            if (last == null || last.isNull() || last.get("seq").asLong() != lastSeqs.getOrDefault(id, -1L)) {
                continue;
            }
            Instant sentAt = Instant.parse(last.get("sentAt").asText());
            if (previous != null && sentAt.isAfter(previous)) {
                mismatches.add("user " + user + ": inbox not newest-first at " + id + " (" + sentAt + " after "
                        + previous + ")");
            }
            previous = sentAt;
        }
    }

    /** The conversation's members and their read pointers (the receipts' source), as its creator sees them. */
    private static void checkMembers(Map<Long, UserClient> clients, ConversationModel model, List<String> mismatches) {
        JsonNode detail = clients.get(model.creator).conversation(model.id);
        Map<Long, Long> expected = new TreeMap<>();
        for (Member member : model.activeMembers()) {
            expected.put(member.userId, member.readSeq);
        }
        Map<Long, Long> actual = new TreeMap<>();
        detail.get("members")
                .forEach(m ->
                        actual.put(m.get("userId").asLong(), m.get("readSeq").asLong()));
        if (!expected.equals(actual)) {
            mismatches.add(
                    "conversation " + model.id + ": members/readSeq expected " + expected + " but got " + actual);
        }
        if (detail.get("lastSeq").asLong() != model.lastSeq) {
            mismatches.add("conversation " + model.id + ": lastSeq expected " + model.lastSeq + " but got "
                    + detail.get("lastSeq").asLong());
        }
    }
}
