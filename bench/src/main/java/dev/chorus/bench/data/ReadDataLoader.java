package dev.chorus.bench.data;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bulk-loads a {@link ReadDataPlan} straight into the read model (set-based SQL and COPY, seconds
 * instead of hours of HTTP), producing the rows projection-service would have written for the same
 * history, and the same data into the baselines' schemas ({@link BaselineSchemas}):
 *
 * <ul>
 *   <li>{@code conversation}: head with last_seq, countable_total (every seq but the SYSTEM one at seq
 *       1), the last message preview; {@code message}: one row per seq, ordinal = countable messages
 *       up to it; {@code conversation_member}: read_seq = the planned pointer moved up to the member's
 *       own last message;
 *   <li>{@code user_inbox}: one row per active member with {@code unread_count} computed from the
 *       architecture's definition (countable messages after the pointer, not deleted, not the
 *       member's own; nothing is hidden in this data set).
 * </ul>
 *
 * The plan is staged in {@code bench_data.conv} and {@code bench_data.member} (COPY), everything else
 * is INSERT ... SELECT. Tables are VACUUM ANALYZEd afterwards, system and baselines alike.
 */
public final class ReadDataLoader {

    private static final Logger log = LoggerFactory.getLogger(ReadDataLoader.class);

    private final DataSource db;

    public ReadDataLoader(DataSource db) {
        this.db = db;
    }

    /** Loads the plan unless it is already there; returns the ids the baselines gave the DM messages. */
    public LoadedData load(ReadDataPlan plan) {
        long started = System.nanoTime();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(true);
            boolean present = alreadyLoaded(c, plan);
            if (!present) {
                stage(c, plan);
                loadReadModel(c);
                BaselineSchemas.createSeed000(c, BaselineSchemas.SEED000);
                BaselineSchemas.createSeed003(c);
                loadSeed000(c);
                loadSeed003(c);
                vacuum(c);
            }
            LoadedData loaded = loadedData(c, plan);
            log.info(
                    "Read data set {} in {} ms: {} conversations, {} memberships, {} messages",
                    present ? "already present" : "loaded",
                    (System.nanoTime() - started) / 1_000_000,
                    plan.conversations().size(),
                    plan.memberships().size(),
                    loaded.messageRows());
            return loaded;
        } catch (SQLException e) {
            throw new IllegalStateException("Loading the read data set failed: " + e.getMessage(), e);
        }
    }

    private static boolean alreadyLoaded(Connection c, ReadDataPlan plan) throws SQLException {
        try (var ps = c.prepareStatement("SELECT 1 FROM conversation WHERE conversation_id = ?")) {
            ps.setObject(1, plan.conversations().get(0).conversationId());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void stage(Connection c, ReadDataPlan plan) throws SQLException {
        exec(
                c,
                """
                CREATE SCHEMA IF NOT EXISTS bench_data;
                DROP TABLE IF EXISTS bench_data.conv, bench_data.member, bench_data.msg_id;
                CREATE TABLE bench_data.conv (
                    idx int PRIMARY KEY, conversation_id uuid NOT NULL, type text NOT NULL,
                    created_by bigint NOT NULL, partner bigint NOT NULL, last_seq int NOT NULL,
                    dm_split int NOT NULL, senders bigint[] NOT NULL, last_activity_at timestamptz NOT NULL,
                    member_count int NOT NULL);
                CREATE TABLE bench_data.member (
                    idx int NOT NULL, user_id bigint NOT NULL, role text NOT NULL, target_read_seq int NOT NULL,
                    PRIMARY KEY (idx, user_id));
                -- Who sent a seq: the same rule as ReadDataPlan.Conversation.senderOf.
                CREATE OR REPLACE FUNCTION bench_data.sender_of(c bench_data.conv, seq int) RETURNS bigint
                LANGUAGE sql IMMUTABLE AS $$
                    SELECT CASE
                        WHEN seq = 1 THEN c.created_by
                        WHEN c.type = 'DM' AND seq <= c.dm_split AND seq % 2 = 0 THEN c.created_by
                        WHEN c.type = 'DM' THEN c.partner
                        ELSE c.senders[1 + seq % array_length(c.senders, 1)]
                    END $$;
                CREATE OR REPLACE FUNCTION bench_data.body_of(idx int, seq int) RETURNS text
                LANGUAGE sql IMMUTABLE AS $$
                    SELECT 'message ' || seq || ' in conversation ' || idx
                        || ': the quick brown fox jumps over the lazy dog, again and again' $$;
                """);
        StringBuilder conv = new StringBuilder();
        for (ReadDataPlan.Conversation x : plan.conversations()) {
            conv.append(x.index())
                    .append(',')
                    .append(x.conversationId())
                    .append(',')
                    .append(x.dm() ? "DM" : "GROUP")
                    .append(',')
                    .append(x.createdBy())
                    .append(',')
                    .append(x.partner())
                    .append(',')
                    .append(x.lastSeq())
                    .append(',')
                    .append(x.dmSplit())
                    .append(',')
                    .append('"')
                    .append(x.senders().stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")))
                    .append('"')
                    .append(',')
                    .append(x.lastActivityAt())
                    .append(',')
                    .append(x.members().size())
                    .append('\n');
        }
        copy(c, "COPY bench_data.conv FROM STDIN (FORMAT csv)", conv.toString());
        StringBuilder member = new StringBuilder();
        for (ReadDataPlan.Membership m : plan.memberships()) {
            member.append(m.conversationIndex())
                    .append(',')
                    .append(m.userId())
                    .append(',')
                    .append(m.role())
                    .append(',')
                    .append(m.targetReadSeq())
                    .append('\n');
        }
        copy(c, "COPY bench_data.member FROM STDIN (FORMAT csv)", member.toString());
        exec(c, "ANALYZE bench_data.conv; ANALYZE bench_data.member;");
    }

    private static void loadReadModel(Connection c) throws SQLException {
        Set<String> messageColumns = columns(c, "message");
        boolean hasPosition = messageColumns.contains("position");
        // Event-store positions do not exist for bulk-loaded history; any distinct increasing value will do.
        String positionColumn = hasPosition ? ", position" : "";
        String positionValue = hasPosition ? ", c.idx::bigint * 1000000 + s.seq" : "";
        exec(
                c,
                """
                INSERT INTO message (conversation_id, seq, message_id, client_message_id, sender_id, type, body,
                                     meta, attachments, sent_at, ordinal%s)
                SELECT c.conversation_id, s.seq, md5(c.conversation_id::text || ':' || s.seq)::uuid, NULL,
                       bench_data.sender_of(c, s.seq),
                       CASE WHEN s.seq = 1 THEN 'SYSTEM' ELSE 'TEXT' END,
                       CASE WHEN s.seq = 1 THEN NULL ELSE bench_data.body_of(c.idx, s.seq) END,
                       NULL, '[]'::jsonb,
                       c.last_activity_at - (c.last_seq - s.seq) * interval '37 seconds',
                       s.seq - 1%s
                FROM bench_data.conv c CROSS JOIN LATERAL generate_series(1, c.last_seq) AS s(seq)
                ORDER BY c.idx, s.seq
                """
                        .formatted(positionColumn, positionValue));
        exec(
                c,
                """
                INSERT INTO conversation (conversation_id, type, title, created_by, created_at, member_count, last_seq,
                                          countable_total, last_activity_at, last_message_seq, last_message_sender,
                                          last_message_type, last_message_preview, last_message_at,
                                          aggregate_version, applied_position)
                SELECT c.conversation_id, c.type, CASE WHEN c.type = 'GROUP' THEN 'bench group ' || c.idx END,
                       c.created_by, c.last_activity_at - (c.last_seq - 1) * interval '37 seconds', c.member_count,
                       c.last_seq, c.last_seq - 1, c.last_activity_at, c.last_seq, bench_data.sender_of(c, c.last_seq),
                       'TEXT', bench_data.body_of(c.idx, c.last_seq), c.last_activity_at,
                       c.last_seq, 0
                FROM bench_data.conv c
                """);
        exec(
                c,
                """
                INSERT INTO conversation_member (conversation_id, user_id, role, active, joined_seq, membership_seq,
                                                 read_seq, muted_until, member_version)
                SELECT c.conversation_id, m.user_id, m.role, true, 1, 1,
                       greatest(m.target_read_seq,
                                coalesce((SELECT max(x.seq) FROM message x
                                          WHERE x.conversation_id = c.conversation_id AND x.sender_id = m.user_id), 1)),
                       NULL, 0
                FROM bench_data.member m JOIN bench_data.conv c USING (idx)
                """);
        exec(
                c,
                """
                INSERT INTO user_inbox (user_id, conversation_id, last_activity_at, last_seq, unread_count,
                                        last_read_seq, muted_until)
                SELECT m.user_id, m.conversation_id, h.last_activity_at, h.last_seq,
                       (SELECT count(*) FROM message x
                        WHERE x.conversation_id = m.conversation_id AND x.seq > m.read_seq
                          AND x.type <> 'SYSTEM' AND NOT x.deleted AND x.sender_id <> m.user_id),
                       m.read_seq, m.muted_until
                FROM conversation_member m
                JOIN conversation h ON h.conversation_id = m.conversation_id
                JOIN bench_data.conv c ON c.conversation_id = m.conversation_id
                """);
    }

    private static void loadSeed000(Connection c) throws SQLException {
        // Ids in global time order, as AUTO_INCREMENT would have handed them out.
        exec(
                c,
                """
                CREATE TABLE bench_data.msg_id AS
                SELECT c.idx, m.seq, row_number() OVER (ORDER BY m.sent_at, c.idx, m.seq) AS id
                FROM bench_data.conv c JOIN message m ON m.conversation_id = c.conversation_id;
                ALTER TABLE bench_data.msg_id ADD PRIMARY KEY (idx, seq);
                INSERT INTO bench_seed000.conversations (id, type, created_by, created_at, last_message_id, last_message_at)
                SELECT c.idx, c.type, c.created_by,
                       (c.last_activity_at - (c.last_seq - 1) * interval '37 seconds') AT TIME ZONE 'UTC',
                       NULL, NULL
                FROM bench_data.conv c ORDER BY c.idx;
                INSERT INTO bench_seed000.messages (id, conversation_id, sender_id, body, message_type, meta, created_at)
                SELECT i.id, i.idx, m.sender_id, m.body, m.type, m.meta, m.sent_at AT TIME ZONE 'UTC'
                FROM bench_data.msg_id i
                JOIN bench_data.conv c ON c.idx = i.idx
                JOIN message m ON m.conversation_id = c.conversation_id AND m.seq = i.seq
                ORDER BY i.id;
                UPDATE bench_seed000.conversations x
                SET last_message_id = i.id, last_message_at = c.last_activity_at AT TIME ZONE 'UTC'
                FROM bench_data.conv c JOIN bench_data.msg_id i ON i.idx = c.idx AND i.seq = c.last_seq
                WHERE x.id = c.idx;
                INSERT INTO bench_seed000.conversation_participants
                    (conversation_id, user_id, role, joined_at, last_read_message_id, last_read_at, muted_until)
                SELECT c.idx, m.user_id, m.role, x.created_at, i.id, NULL, NULL
                FROM conversation_member m
                JOIN bench_data.conv c ON c.conversation_id = m.conversation_id
                JOIN bench_seed000.conversations x ON x.id = c.idx
                JOIN bench_data.msg_id i ON i.idx = c.idx AND i.seq = m.read_seq;
                SELECT setval(pg_get_serial_sequence('bench_seed000.conversations', 'id'),
                              (SELECT max(id) FROM bench_seed000.conversations));
                SELECT setval(pg_get_serial_sequence('bench_seed000.messages', 'id'),
                              (SELECT max(id) FROM bench_seed000.messages));
                """);
    }

    private static void loadSeed003(Connection c) throws SQLException {
        // A 1:1 design can hold only the DMs; the SYSTEM message at seq 1 has no text and no receiver.
        exec(
                c,
                """
                INSERT INTO bench_seed003.users (id)
                SELECT DISTINCT u FROM bench_data.conv c, unnest(ARRAY[c.created_by, c.partner]) AS u
                WHERE c.type = 'DM';
                INSERT INTO bench_seed003.messages (sender_id, receiver_id, message_text, created_at, is_read)
                SELECT m.sender_id,
                       CASE WHEN m.sender_id = c.created_by THEN c.partner ELSE c.created_by END,
                       m.body, m.sent_at, m.seq <= r.read_seq
                FROM bench_data.conv c
                JOIN message m ON m.conversation_id = c.conversation_id AND m.seq > 1
                JOIN conversation_member r ON r.conversation_id = c.conversation_id
                     AND r.user_id = CASE WHEN m.sender_id = c.created_by THEN c.partner ELSE c.created_by END
                WHERE c.type = 'DM'
                ORDER BY m.sent_at, c.idx, m.seq;
                """);
    }

    private static void vacuum(Connection c) throws SQLException {
        for (String table : new String[] {
            "message",
            "conversation",
            "conversation_member",
            "user_inbox",
            "bench_seed000.conversations",
            "bench_seed000.conversation_participants",
            "bench_seed000.messages",
            "bench_seed003.users",
            "bench_seed003.messages",
            "bench_data.msg_id"
        }) {
            exec(c, "VACUUM ANALYZE " + table);
        }
    }

    private static LoadedData loadedData(Connection c, ReadDataPlan plan) throws SQLException {
        Map<Integer, long[]> seed000Ids = new HashMap<>();
        Map<Integer, ReadDataPlan.Conversation> dms = new HashMap<>();
        plan.dms().forEach(d -> dms.put(d.index(), d));
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        """
                        SELECT i.idx, i.seq, i.id FROM bench_data.msg_id i
                        JOIN bench_data.conv c ON c.idx = i.idx WHERE c.type = 'DM'""")) {
            while (rs.next()) {
                int idx = rs.getInt(1);
                long[] ids =
                        seed000Ids.computeIfAbsent(idx, k -> new long[dms.get(k).lastSeq() + 1]);
                ids[rs.getInt(2)] = rs.getLong(3);
            }
        }
        long messages;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM bench_seed000.messages")) {
            rs.next();
            messages = rs.getLong(1);
        }
        return new LoadedData(plan, seed000Ids, messages);
    }

    static Set<String> columns(Connection c, String table) throws SQLException {
        Set<String> columns = new HashSet<>();
        try (var ps = c.prepareStatement(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void copy(Connection c, String sql, String csv) throws SQLException {
        try {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(csv));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
