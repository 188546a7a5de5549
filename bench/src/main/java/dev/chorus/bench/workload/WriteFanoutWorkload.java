package dev.chorus.bench.workload;

import dev.chorus.bench.Profile;
import dev.chorus.bench.Profile.WritePhase;
import dev.chorus.bench.core.LatencyRecorder;
import dev.chorus.bench.core.OpenLoop;
import dev.chorus.bench.core.Progress;
import dev.chorus.bench.core.VisibilityTracker;
import dev.chorus.bench.report.ChartSpec;
import dev.chorus.bench.report.Measurement;
import dev.chorus.bench.report.ReportWriter;
import dev.chorus.bench.system.ChorusClient;
import dev.chorus.bench.system.PrometheusScrape;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The real write path: HTTP SendMessage -> command-service (Axon, JDBC event store) -> Kafka ->
 * projection-service -> read model. Per phase: create the groups over HTTP, wait until the read model
 * has every member, then send open-loop at the phase's rate and watch the read model for visibility.
 */
public final class WriteFanoutWorkload implements Workload {

    public static final String ID = "write-fanout";
    public static final String TARGET = "chorus";

    /** Members per create/add request: keeps each MembersAdded event (and Kafka record) small. */
    static final int MEMBER_CHUNK = 500;

    /**
     * Visibility as seen in the read model: per sampled (conversation, recipient) the recipient's
     * user_inbox row; a conversation without inbox rows for any sampled member is on the large-group
     * (fan-out-on-read) path, where the inbox entry is computed from the conversation head.
     */
    static final String VISIBILITY_SQL =
            """
            SELECT s.conversation_id, c.last_seq, count(ui.user_id) AS inbox_rows, min(ui.last_seq) AS inbox_seq
            FROM unnest(?::uuid[], ?::bigint[]) AS s(conversation_id, user_id)
            JOIN conversation c ON c.conversation_id = s.conversation_id
            LEFT JOIN user_inbox ui ON ui.conversation_id = s.conversation_id AND ui.user_id = s.user_id
            GROUP BY s.conversation_id, c.last_seq
            """;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "open-loop SendMessage over HTTP into groups of each size; accept and visibility latency";
    }

    @Override
    public Optional<String> skipReason(BenchContext context) {
        return context.system().hasHttpApi() ? Optional.empty() : Optional.of("no HTTP API in this run");
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        Profile profile = ctx.profile();
        ctx.report()
                .method(
                        "Write (" + ID + "): open loop; message i is due at start + i/rate whatever earlier"
                                + " requests do, and both latencies are measured from that intended time (no coordinated omission)."
                                + " Accept latency = until the 201 arrives. Visibility latency = until a poller of the read model"
                                + " (every " + profile.pollInterval().toMillis()
                                + " ms, one SQL statement: user_inbox rows of "
                                + profile.visibilitySamplesPerGroup()
                                + " sampled recipients per group, or the conversation head for"
                                + " groups on the fan-out-on-read path) first sees the message's seq; the poll interval bounds the error."
                                + " deliveries/s = visible messages x (group size - 1) / (first send .. last message visible).");
        if (profile.writeWarmup() != null) {
            // Not reported: JIT compilation, connection pools and Kafka metadata would otherwise land in the
            // first phase's figures.
            runPhase(ctx, WriteGroups.of(profile.writeWarmup(), 9));
            ctx.report()
                    .method("Write warm-up before the measured phases (not reported): "
                            + profile.writeWarmup().groups() + " groups of "
                            + profile.writeWarmup().groupSize() + " at "
                            + profile.writeWarmup().rate() + " msg/s for "
                            + profile.writeWarmup().duration().toSeconds() + " s.");
        }
        List<ChartSpec.Series> series = new ArrayList<>();
        for (int p = 0; p < profile.writePhases().size(); p++) {
            Measurement m = ctx.report()
                    .add(runPhase(ctx, WriteGroups.of(profile.writePhases().get(p), p)));
            String phase =
                    m.params().get("group size") + " members @ " + m.params().get("offered rate (msg/s)") + "/s";
            series.add(new ChartSpec.Series("visibility, " + phase, m.id(), "visibility"));
            series.add(new ChartSpec.Series("accept, " + phase, m.id(), "accept"));
        }
        ctx.report().chart(new ChartSpec("write", "SendMessage: accept and visibility latency by group size", series));
    }

    private Measurement runPhase(BenchContext ctx, WriteGroups groups) throws Exception {
        WritePhase phase = groups.phase();
        ChorusClient client = ctx.client();
        Profile profile = ctx.profile();
        List<UUID> ids = createGroups(ctx, client, groups);
        awaitMembers(ctx, ids, phase.groupSize(), Duration.ofMinutes(3));

        Random random = new Random(phase.groupSize());
        List<UUID> sampleConversations = new ArrayList<>();
        List<Long> sampleUsers = new ArrayList<>();
        for (int g = 0; g < ids.size(); g++) {
            List<Long> members = groups.members().get(g);
            for (int s = 0; s < Math.min(profile.visibilitySamplesPerGroup(), members.size() - 1); s++) {
                sampleConversations.add(ids.get(g));
                sampleUsers.add(members.get(1 + random.nextInt(members.size() - 1)));
            }
        }

        LatencyRecorder accept = new LatencyRecorder();
        LatencyRecorder visibility = new LatencyRecorder();
        VisibilityTracker tracker = new VisibilityTracker(visibility);
        LongAdder rejected = new LongAdder();
        LongAdder failed = new LongAdder();
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        Map<UUID, Long> maxSeq = new ConcurrentHashMap<>();
        AtomicBoolean polling = new AtomicBoolean(true);
        LongAdder polls = new LongAdder();
        Thread poller = new Thread(
                () -> poll(ctx, sampleConversations, sampleUsers, tracker, polling, polls, profile.pollInterval()),
                "bench-visibility-poller");
        poller.setDaemon(true);
        poller.start();

        PrometheusScrape before = PrometheusScrape.of(ctx.system().projectionUrl());
        OpenLoop loop = new OpenLoop(phase.rate(), phase.duration(), 2_000, profile.writeDrain());
        String label = "write size=" + phase.groupSize() + " groups=" + phase.groups() + " rate=" + phase.rate() + "/s";
        OpenLoop.Result result;
        try (Progress progress = Progress.start(label, () -> {
            var interval = accept.drainInterval();
            var vis = visibility.drainInterval();
            return String.format(
                    "sent %d/%d  accepted %d  failed %d  accept p99 %.1f ms  visible %d  pending %d  vis p99 %.1f ms",
                    loop.sent(),
                    phase.messages(),
                    tracker.visibleMessages() + tracker.pending(),
                    failed.sum() + rejected.sum(),
                    interval.getValueAtPercentile(99) / 1000.0,
                    tracker.visibleMessages(),
                    tracker.pending(),
                    vis.getValueAtPercentile(99) / 1000.0);
        })) {
            result = loop.run((i, intended) -> {
                int g = groups.groupOf(i);
                UUID conversation = ids.get(g);
                CompletableFuture<ChorusClient.Sent> sent =
                        client.sendMessage(groups.senderOf(i), conversation, WriteGroups.body(i));
                return sent.whenComplete((answer, error) -> {
                    if (error != null) {
                        failed.increment();
                        return;
                    }
                    statuses.computeIfAbsent(answer.status(), k -> new LongAdder())
                            .increment();
                    if (answer.status() != 201) {
                        rejected.increment();
                        return;
                    }
                    accept.recordNanos(System.nanoTime() - intended);
                    maxSeq.merge(conversation, answer.seq(), Math::max);
                    tracker.expect(conversation, answer.seq(), intended, groups.recipients());
                });
            });
            // Bounded wait for the tail to become visible.
            long deadline = System.nanoTime() + profile.writeDrain().toNanos();
            while (tracker.pending() > 0 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
        } finally {
            polling.set(false);
            poller.join(5_000);
        }

        PrometheusScrape after = PrometheusScrape.of(ctx.system().projectionUrl());
        long accepted = statuses.getOrDefault(201, new LongAdder()).sum();
        double sendSeconds = phase.duration().toNanos() / 1e9;
        double visibleSeconds =
                tracker.lastVisibleNanos() > 0 ? (tracker.lastVisibleNanos() - result.startNanos()) / 1e9 : 0;
        String crossCheck = crossCheckOverHttp(client, groups, ids, maxSeq);
        Measurement.Builder m = Measurement.builder(ID, TARGET, "HTTP")
                .param("group size", phase.groupSize())
                .param("groups", phase.groups())
                .param("offered rate (msg/s)", ReportWriter.fmt(phase.rate()))
                .param("duration (s)", ReportWriter.fmt(sendSeconds))
                .latency("accept", accept.stats())
                .latency("visibility", visibility.stats())
                .rate("messages/s accepted", accepted / sendSeconds)
                .rate("messages/s visible", visibleSeconds > 0 ? tracker.visibleMessages() / visibleSeconds : 0)
                .rate("deliveries/s", visibleSeconds > 0 ? tracker.visibleDeliveries() / visibleSeconds : 0)
                .count("scheduled", result.scheduled())
                .count("accepted (201)", accepted)
                .count("rejected (non-201)", rejected.sum())
                .count("failed (I/O)", failed.sum() + result.notSent())
                .count("visible", tracker.visibleMessages())
                .count("never visible", tracker.pending())
                .count("deliveries", tracker.visibleDeliveries())
                .count("polls", polls.sum());
        if (!after.isEmpty()) {
            // What projection-service itself counted during the phase (its Micrometer meters).
            m.count(
                            "projection batches",
                            Math.round(after.sinceAny(
                                    before,
                                    "chorus_projection_batch_size_events_count",
                                    "chorus_projection_batch_size_count")))
                    .count(
                            "projection events in batches",
                            Math.round(after.sinceAny(
                                    before,
                                    "chorus_projection_batch_size_events_sum",
                                    "chorus_projection_batch_size_sum")))
                    .count(
                            "projection fan-out statements",
                            Math.round(after.since(before, "chorus_projection_fanout_statements_total")))
                    .count(
                            "projection fan-out rows",
                            Math.round(after.sinceAny(
                                    before,
                                    "chorus_projection_fanout_rows_total",
                                    "chorus_projection_fanout_rows_rows_total")));
            double busySeconds = after.since(before, "chorus_projection_batch_duration_seconds_sum");
            if (busySeconds > 0) {
                // Capacity of the fan-out path alone: deliveries made visible per second the projection spent
                // applying batches (all its consumer threads together), whatever the command side managed.
                m.rate("deliveries per projection-busy second", tracker.visibleDeliveries() / busySeconds);
                m.count("projection busy (ms)", Math.round(busySeconds * 1000));
            }
        }
        m.note(crossCheck + (statuses.size() > 1 ? "; statuses " + statuses : ""));
        return m.build();
    }

    private static List<UUID> createGroups(BenchContext ctx, ChorusClient client, WriteGroups groups) {
        List<UUID> ids = new ArrayList<>();
        try (Progress progress = Progress.start(
                "creating " + groups.phase().groups() + " groups of "
                        + groups.phase().groupSize() + " over HTTP",
                () -> ids.size() + " created")) {
            for (int g = 0; g < groups.members().size(); g++) {
                List<Long> members = groups.members().get(g);
                long creator = members.get(0);
                List<Long> others = members.subList(1, members.size());
                UUID id = client.createGroup(
                        creator,
                        "bench " + groups.phase().groupSize() + "/" + g,
                        others.subList(0, Math.min(MEMBER_CHUNK, others.size())));
                for (int from = MEMBER_CHUNK; from < others.size(); from += MEMBER_CHUNK) {
                    client.addMembers(creator, id, others.subList(from, Math.min(from + MEMBER_CHUNK, others.size())));
                }
                ids.add(id);
            }
        }
        return ids;
    }

    /** Waits until the read model has every member of every group (and so their inbox rows, if any). */
    static void awaitMembers(BenchContext ctx, List<UUID> ids, int size, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection c = ctx.readModel().getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) FROM conversation WHERE conversation_id = ANY(?) AND member_count >= ?")) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            ps.setInt(2, size);
            while (true) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) == ids.size()) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The read model did not show " + ids.size() + " groups of " + size
                            + " members within " + timeout.toSeconds() + " s");
                }
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        }
    }

    private static void poll(
            BenchContext ctx,
            List<UUID> conversations,
            List<Long> users,
            VisibilityTracker tracker,
            AtomicBoolean polling,
            LongAdder polls,
            Duration interval) {
        Map<UUID, Integer> samplesPer = new HashMap<>();
        conversations.forEach(c -> samplesPer.merge(c, 1, Integer::sum));
        try (Connection c = ctx.readModel().getConnection();
                PreparedStatement ps = c.prepareStatement(VISIBILITY_SQL)) {
            Array convArray = c.createArrayOf("uuid", conversations.toArray());
            Array userArray = c.createArrayOf("bigint", users.toArray());
            ps.setArray(1, convArray);
            ps.setArray(2, userArray);
            while (polling.get()) {
                long next = System.nanoTime() + interval.toNanos();
                try (ResultSet rs = ps.executeQuery()) {
                    long now = System.nanoTime();
                    while (rs.next()) {
                        UUID conversation = rs.getObject(1, UUID.class);
                        long head = rs.getLong(2);
                        int rows = rs.getInt(3);
                        long inboxSeq = rs.getLong(4);
                        if (rows == 0) {
                            tracker.observe(conversation, head, now);
                        } else if (rows == samplesPer.get(conversation)) {
                            tracker.observe(conversation, inboxSeq, now);
                        }
                    }
                }
                polls.increment();
                LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Visibility poller failed", e);
        }
    }

    /** Cross-checks the SQL poller with what a recipient's GET /api/inbox shows at the end. */
    private static String crossCheckOverHttp(
            ChorusClient client, WriteGroups groups, List<UUID> ids, Map<UUID, Long> maxSeq) {
        int ok = 0;
        List<String> problems = new ArrayList<>();
        for (int g = 0; g < ids.size(); g++) {
            long recipient = groups.members().get(g).get(groups.members().get(g).size() - 1);
            var response = client.inbox(recipient, 50);
            if (response.statusCode() != 200) {
                problems.add("inbox of " + recipient + " answered " + response.statusCode());
                continue;
            }
            long expected = maxSeq.getOrDefault(ids.get(g), -1L);
            long shown = -1;
            for (var item : ChorusClient.json(response).path("items")) {
                if (item.path("conversationId").asText().equals(ids.get(g).toString())) {
                    shown = item.path("lastMessage").path("seq").asLong(-1);
                }
            }
            if (shown >= expected) {
                ok++;
            } else {
                problems.add("group " + g + ": inbox shows seq " + shown + ", last accepted " + expected);
            }
        }
        return "HTTP inbox cross-check: " + ok + "/" + ids.size() + " groups show their last message"
                + (problems.isEmpty() ? "" : " " + problems);
    }
}
