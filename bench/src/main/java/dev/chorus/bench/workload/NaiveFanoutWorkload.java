package dev.chorus.bench.workload;

import dev.chorus.bench.Profile;
import dev.chorus.bench.Profile.WritePhase;
import dev.chorus.bench.core.LatencyRecorder;
import dev.chorus.bench.core.Progress;
import dev.chorus.bench.data.BaselineSchemas;
import dev.chorus.bench.report.Measurement;
import dev.chorus.bench.report.ReportWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Seed 000's naive fan-out on write (section 5.2, with section 4's "update these in a transaction when
 * inserting a message"), fed the same message stream as {@link WriteFanoutWorkload} (same group sizes
 * and counts, same senders), as fast as it goes. One transaction per message: insert the message,
 * update the conversation's last message, then update every member's {@code user_inbox} row with
 * {@code unread_count = unread_count + 1} (the sender's row gets the new last message only).
 *
 * <p>Two variants, both in their fastest honest form (membership cached in memory, no SELECT per
 * message; all members' rows touched in ascending user order so concurrent writers never deadlock):
 *
 * <ul>
 *   <li><b>per-member</b> (the baseline of the goal): one UPDATE statement per member, sent as one
 *       JDBC batch (pipelined: one network round trip, but one statement execution per member);
 *   <li><b>per-message set</b> (a reference point, not in the seed): one UPDATE ... WHERE
 *       conversation_id = ? for all members at once (seed 5.2 has no index leading with
 *       conversation_id, so this scans user_inbox; the table holds only this phase's groups).
 * </ul>
 *
 * {@code naiveWriters} writers share the stream (a service with that many worker threads); each
 * variant and size stops after the full stream or {@code naiveMaxDuration}, whichever comes first.
 */
public final class NaiveFanoutWorkload implements Workload {

    public static final String ID = "write-naive";
    public static final String PER_MEMBER = "naive fan-out-on-write, per-member UPDATE (seed 000 §5.2)";
    public static final String PER_MESSAGE_SET = "naive fan-out-on-write, one set UPDATE per message (reference)";
    static final String SCHEMA = "bench_naive";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "seed 000 user_inbox with unread_count + 1 per member per message, same stream as write-fanout";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        Profile profile = ctx.profile();
        ctx.report()
                .method(
                        "Write baseline (" + ID + "): " + profile.naiveWriters() + " writer threads, closed loop"
                                + " (as fast as PostgreSQL takes it), one transaction per message; latency = that transaction's"
                                + " duration; deliveries/s = committed messages x (group size - 1) / elapsed. Membership is cached"
                                + " in memory (favours the baseline). Runs while the system's services are idle on the same server.");
        java.util.Set<Integer> sizesDone = new java.util.HashSet<>();
        for (int p = 0; p < profile.writePhases().size(); p++) {
            // One run per group size: a capacity phase at a higher rate needs no second baseline.
            if (!sizesDone.add(profile.writePhases().get(p).groupSize())) {
                continue;
            }
            WriteGroups groups = WriteGroups.of(profile.writePhases().get(p), p);
            setUp(ctx, groups);
            run(ctx, groups, true);
            setUp(ctx, groups);
            run(ctx, groups, false);
        }
    }

    private static void setUp(BenchContext ctx, WriteGroups groups) throws SQLException {
        try (Connection c = ctx.readModel().getConnection()) {
            c.setAutoCommit(true);
            BaselineSchemas.createSeed000(c, SCHEMA);
            WritePhase phase = groups.phase();
            try (Statement s = c.createStatement()) {
                s.execute(
                        """
                        INSERT INTO bench_naive.conversations (id, type, created_by, created_at, last_message_id, last_message_at)
                        SELECT g, 'GROUP', %1$d + g::bigint * %2$d, now(), NULL, NULL FROM generate_series(0, %3$d - 1) g;
                        INSERT INTO bench_naive.conversation_participants (conversation_id, user_id, role)
                        SELECT g, %1$d + g::bigint * %2$d + k, CASE WHEN k = 0 THEN 'ADMIN' ELSE 'MEMBER' END
                        FROM generate_series(0, %3$d - 1) g, generate_series(0, %2$d - 1) k;
                        INSERT INTO bench_naive.user_inbox (user_id, conversation_id, last_message_id, last_message_at, unread_count)
                        SELECT %1$d + g::bigint * %2$d + k, g, 0, now(), 0
                        FROM generate_series(0, %3$d - 1) g, generate_series(0, %2$d - 1) k;
                        SELECT setval(pg_get_serial_sequence('bench_naive.conversations', 'id'), %3$d);
                        """
                                .formatted(groups.userBase(), phase.groupSize(), phase.groups()));
                s.execute("VACUUM ANALYZE bench_naive.user_inbox");
                s.execute("VACUUM ANALYZE bench_naive.conversation_participants");
            }
        }
    }

    private static void run(BenchContext ctx, WriteGroups groups, boolean perMember) throws Exception {
        WritePhase phase = groups.phase();
        Profile profile = ctx.profile();
        long total = phase.messages();
        AtomicLong next = new AtomicLong();
        LongAdder committed = new LongAdder();
        LongAdder errors = new LongAdder();
        LatencyRecorder latency = new LatencyRecorder();
        long start = System.nanoTime();
        long deadline = start + profile.naiveMaxDuration().toNanos();
        List<Thread> writers = new ArrayList<>();
        String[] firstError = new String[1];
        String label = (perMember ? "naive per-member" : "naive per-message set") + " size=" + phase.groupSize();
        try (Progress progress = Progress.start(label, () -> {
            var interval = latency.drainInterval();
            return String.format(
                    "committed %d/%d  errors %d  p99 %.1f ms",
                    committed.sum(), total, errors.sum(), interval.getValueAtPercentile(99) / 1000.0);
        })) {
            for (int w = 0; w < profile.naiveWriters(); w++) {
                Thread t = new Thread(
                        () -> {
                            try (Connection c = ctx.readModel().getConnection()) {
                                Writer writer = new Writer(c, perMember);
                                long i;
                                while (System.nanoTime() < deadline && (i = next.getAndIncrement()) < total) {
                                    long began = System.nanoTime();
                                    try {
                                        writer.write(groups, i);
                                        latency.recordNanos(System.nanoTime() - began);
                                        committed.increment();
                                    } catch (SQLException e) {
                                        errors.increment();
                                        firstError[0] = e.getMessage();
                                        c.rollback();
                                    }
                                }
                                writer.close();
                            } catch (SQLException e) {
                                errors.increment();
                                firstError[0] = e.getMessage();
                            }
                        },
                        "bench-naive-" + w);
                t.start();
                writers.add(t);
            }
            for (Thread t : writers) {
                t.join();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long done = committed.sum();
        ctx.report()
                .add(Measurement.builder(ID, perMember ? PER_MEMBER : PER_MESSAGE_SET, "SQL")
                        .param("group size", phase.groupSize())
                        .param("groups", phase.groups())
                        .param("writers", profile.naiveWriters())
                        .param("duration (s)", ReportWriter.fmt(seconds))
                        .latency("commit", latency.stats())
                        .rate("messages/s", done / seconds)
                        .rate("deliveries/s", done * (double) groups.recipients() / seconds)
                        // Same yardstick as the projection's: per second of one writer's busy time.
                        .rate(
                                "deliveries per writer-busy second",
                                done * (double) groups.recipients() / (seconds * profile.naiveWriters()))
                        .count("stream", total)
                        .count("committed", done)
                        .count("errors", errors.sum())
                        .note(
                                done < total
                                        ? "stopped at the time cap before the end of the stream"
                                                + (firstError[0] == null ? "" : "; " + firstError[0])
                                        : (firstError[0] == null ? "" : firstError[0]))
                        .build());
    }

    /** One naive service thread with its prepared statements. */
    private static final class Writer implements AutoCloseable {
        private final Connection c;
        private final boolean perMember;
        private final PreparedStatement insertMessage;
        private final PreparedStatement updateConversation;
        private final PreparedStatement updateMember;
        private final PreparedStatement updateAll;

        Writer(Connection c, boolean perMember) throws SQLException {
            this.c = c;
            this.perMember = perMember;
            c.setAutoCommit(false);
            insertMessage = c.prepareStatement("INSERT INTO bench_naive.messages (conversation_id, sender_id, body,"
                    + " message_type, created_at) VALUES (?, ?, ?, 'TEXT', ?) RETURNING id");
            updateConversation = c.prepareStatement(
                    "UPDATE bench_naive.conversations SET last_message_id = ?, last_message_at = ? WHERE id = ?");
            // "+ ?" is 1 for a recipient and 0 for the sender, so one batch covers the members in ascending order.
            updateMember =
                    c.prepareStatement("UPDATE bench_naive.user_inbox SET last_message_id = ?, last_message_at = ?,"
                            + " unread_count = unread_count + ? WHERE user_id = ? AND conversation_id = ?");
            updateAll = c.prepareStatement(
                    "UPDATE bench_naive.user_inbox SET last_message_id = ?, last_message_at = ?,"
                            + " unread_count = unread_count + CASE WHEN user_id = ? THEN 0 ELSE 1 END WHERE conversation_id = ?");
        }

        void write(WriteGroups groups, long i) throws SQLException {
            int g = groups.groupOf(i);
            long sender = groups.senderOf(i);
            Timestamp now = new Timestamp(System.currentTimeMillis());
            insertMessage.setLong(1, g);
            insertMessage.setLong(2, sender);
            insertMessage.setString(3, WriteGroups.body(i));
            insertMessage.setTimestamp(4, now);
            long messageId;
            try (ResultSet rs = insertMessage.executeQuery()) {
                rs.next();
                messageId = rs.getLong(1);
            }
            updateConversation.setLong(1, messageId);
            updateConversation.setTimestamp(2, now);
            updateConversation.setLong(3, g);
            updateConversation.executeUpdate();
            if (perMember) {
                for (long member : groups.members().get(g)) {
                    updateMember.setLong(1, messageId);
                    updateMember.setTimestamp(2, now);
                    updateMember.setInt(3, member == sender ? 0 : 1);
                    updateMember.setLong(4, member);
                    updateMember.setLong(5, g);
                    updateMember.addBatch();
                }
                updateMember.executeBatch();
            } else {
                updateAll.setLong(1, messageId);
                updateAll.setTimestamp(2, now);
                updateAll.setLong(3, sender);
                updateAll.setLong(4, g);
                updateAll.executeUpdate();
            }
            c.commit();
        }

        @Override
        public void close() throws SQLException {
            c.setAutoCommit(true);
        }
    }
}
