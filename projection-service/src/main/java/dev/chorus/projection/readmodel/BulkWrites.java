package dev.chorus.projection.readmodel;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * The writes of one batch for a bulk replay ({@link ProjectorSettings#fanOutDeferred()}): the same
 * rows {@link BatchApplier} plans, each kind written by <b>one</b> statement over parameter arrays
 * ({@code unnest}) instead of one statement per row, which is what a million-event replay spends
 * most of its time on otherwise. Each statement keeps the semantics of its per-row counterpart in
 * {@link ReadModelSql}, including when a page holds several events for one row:
 *
 * <ul>
 *   <li>membership changes of one member apply in event order (rounds: the k-th change of every
 *       member in one statement per kind);
 *   <li>read pointers: the maximum over the page's events of each one's clamped value; member
 *       versions: the maximum; mutes: the newest memberVersion wins; deletions: the first one.
 * </ul>
 *
 * The inbox statements are not run here: user_inbox is materialized once after the replay.
 */
final class BulkWrites {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX");

    /** The heads of a page's conversations; no row locks: nothing else writes a schema being bulk-loaded. */
    static final String READ_HEADS =
            """
            SELECT conversation_id, last_seq, countable_total, aggregate_version, last_activity_at, member_count,
                   fanned_out_on_read
              FROM conversation WHERE conversation_id = ANY (?::text[]::uuid[])
            """;

    static final String INSERT_CONVERSATIONS =
            """
            INSERT INTO conversation (conversation_id, type, title, created_by, created_at, last_activity_at)
            SELECT v.id::uuid, v.type, v.title, v.created_by, v.created_at::timestamptz, v.created_at::timestamptz
              FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[]) AS v(id, type, title, created_by, created_at)
            ON CONFLICT (conversation_id) DO NOTHING
            """;

    static final String INSERT_FOUNDING_MEMBERS =
            """
            INSERT INTO conversation_member
                (conversation_id, user_id, role, active, joined_seq, membership_seq, read_seq)
            SELECT v.c::uuid, v.u, v.role, true, 0, 0, 0
              FROM unnest(?::text[], ?::bigint[], ?::text[]) AS v(c, u, role)
            ON CONFLICT (conversation_id, user_id) DO NOTHING
            """;

    static final String UPSERT_JOINED_MEMBERS =
            """
            INSERT INTO conversation_member AS m
                (conversation_id, user_id, role, active, joined_seq, membership_seq, read_seq)
            SELECT v.c::uuid, v.u, 'MEMBER', true, v.seq, v.seq, v.seq
              FROM unnest(?::text[], ?::bigint[], ?::bigint[]) AS v(c, u, seq)
            ON CONFLICT (conversation_id, user_id) DO UPDATE
               SET active = true,
                   role = 'MEMBER',
                   joined_seq = EXCLUDED.joined_seq,
                   membership_seq = EXCLUDED.membership_seq,
                   read_seq = GREATEST(m.read_seq, EXCLUDED.read_seq)
             WHERE NOT m.active
               AND m.membership_seq < EXCLUDED.membership_seq
            """;

    static final String DEACTIVATE_MEMBERS =
            """
            UPDATE conversation_member m SET active = false, membership_seq = v.seq
              FROM unnest(?::text[], ?::bigint[], ?::bigint[]) AS v(c, u, seq)
             WHERE m.conversation_id = v.c::uuid AND m.user_id = v.u AND m.membership_seq < v.seq
            """;

    /**
     * No ON CONFLICT here (the per-row statement has one): the planner only plans an event whose
     * aggregate version is above the stored one, so a bulk page never inserts a seq twice, and a
     * plain insert spares the speculative-insertion work on the hottest statement of a replay.
     */
    static final String INSERT_MESSAGES =
            """
            INSERT INTO message (conversation_id, seq, message_id, client_message_id, sender_id, type, body, meta,
                                 attachments, sent_at, ordinal, position)
            SELECT v.c::uuid, v.seq, v.message_id::uuid, v.client_message_id::uuid, v.sender_id, v.type, v.body,
                   v.meta::jsonb, v.attachments::jsonb, v.sent_at::timestamptz, v.ordinal, v.position
              FROM unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[],
                          ?::text[], ?::text[], ?::bigint[], ?::bigint[])
                   AS v(c, seq, message_id, client_message_id, sender_id, type, body, meta, attachments, sent_at,
                        ordinal, position)
            """;

    static final String DELETE_MESSAGES_FOR_EVERYONE =
            """
            UPDATE message x
               SET deleted = true, body = NULL, meta = NULL, attachments = '[]'::jsonb,
                   deleted_by = v.deleted_by, deleted_at = v.deleted_at::timestamptz
              FROM unnest(?::text[], ?::bigint[], ?::bigint[], ?::text[]) AS v(c, seq, deleted_by, deleted_at)
             WHERE x.conversation_id = v.c::uuid AND x.seq = v.seq AND NOT x.deleted
            """;

    static final String MOVE_SENDER_POINTERS =
            """
            UPDATE conversation_member m SET read_seq = v.seq
              FROM unnest(?::text[], ?::bigint[], ?::bigint[]) AS v(c, u, seq)
             WHERE m.conversation_id = v.c::uuid AND m.user_id = v.u AND m.read_seq < v.seq
            """;

    /** Per member: the largest of the page's pointers, each clamped as MOVE_READ_POINTER clamps it. */
    static final String MOVE_READ_POINTERS =
            """
            UPDATE conversation_member m
               SET read_seq = GREATEST(m.read_seq, v.target),
                   member_version = GREATEST(m.member_version, v.member_version)
              FROM (SELECT r.c::uuid AS c, r.u,
                           max(LEAST(r.read_seq, coalesce(
                               (SELECT x.seq FROM message x
                                 WHERE x.conversation_id = r.c::uuid AND x.position < r.position
                                 ORDER BY x.seq DESC LIMIT 1), 0))) AS target,
                           max(r.member_version) AS member_version
                      FROM unnest(?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])
                           AS r(c, u, read_seq, position, member_version)
                     GROUP BY r.c, r.u) v
             WHERE m.conversation_id = v.c AND m.user_id = v.u
            """;

    static final String INSERT_HIDDEN_MESSAGES =
            """
            INSERT INTO hidden_message (user_id, conversation_id, seq)
            SELECT v.u, v.c::uuid, v.seq FROM unnest(?::bigint[], ?::text[], ?::bigint[]) AS v(u, c, seq)
            ON CONFLICT DO NOTHING
            """;

    static final String RAISE_MEMBER_VERSIONS =
            """
            UPDATE conversation_member m SET member_version = GREATEST(m.member_version, v.member_version)
              FROM (SELECT r.c::uuid AS c, r.u, max(r.member_version) AS member_version
                      FROM unnest(?::text[], ?::bigint[], ?::bigint[]) AS r(c, u, member_version)
                     GROUP BY r.c, r.u) v
             WHERE m.conversation_id = v.c AND m.user_id = v.u
            """;

    /** Per member the page's newest mute (by memberVersion), then MUTE's guard. */
    static final String MUTE =
            """
            UPDATE conversation_member m
               SET muted_until = CASE WHEN m.mute_version < v.member_version THEN v.muted_until ELSE m.muted_until END,
                   mute_version = GREATEST(m.mute_version, v.member_version),
                   member_version = GREATEST(m.member_version, v.member_version)
              FROM (SELECT DISTINCT ON (r.c, r.u) r.c::uuid AS c, r.u, r.member_version,
                           r.muted_until::timestamptz AS muted_until
                      FROM unnest(?::text[], ?::bigint[], ?::bigint[], ?::text[]) AS r(c, u, member_version, muted_until)
                     ORDER BY r.c, r.u, r.member_version DESC) v
             WHERE m.conversation_id = v.c AND m.user_id = v.u
            """;

    static final String UPDATE_HEADS =
            """
            UPDATE conversation c
               SET last_seq = v.last_seq,
                   countable_total = v.countable_total,
                   last_activity_at = v.last_activity_at::timestamptz,
                   aggregate_version = GREATEST(c.aggregate_version, v.aggregate_version),
                   applied_position = GREATEST(c.applied_position, v.applied_position),
                   member_count = CASE WHEN v.membership_changed
                                       THEN (SELECT count(*) FROM conversation_member m
                                              WHERE m.conversation_id = c.conversation_id AND m.active)::integer
                                       ELSE c.member_count END,
                   (last_message_seq, last_message_sender, last_message_type, last_message_preview, last_message_at) =
                       (SELECT x.seq, x.sender_id, x.type,
                               CASE x.type WHEN 'IMAGE' THEN '[image]'
                                           WHEN 'FILE' THEN '[file]'
                                           ELSE CASE WHEN char_length(x.body) > %1$d
                                                     THEN left(x.body, %1$d - 1) || '…'
                                                     ELSE x.body END
                               END,
                               x.sent_at
                          FROM message x
                         WHERE x.conversation_id = c.conversation_id AND NOT x.deleted
                         ORDER BY x.seq DESC LIMIT 1)
              FROM unnest(?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::bigint[], ?::bigint[], ?::boolean[])
                   AS v(c, last_seq, countable_total, last_activity_at, aggregate_version, applied_position,
                        membership_changed)
             WHERE c.conversation_id = v.c::uuid
            """
                    .formatted(BatchApplier.PREVIEW_LENGTH);

    /** One column of a statement: the parameter's name in the per-row parameter sources, its array type. */
    private record Column(String name, String type) {}

    private final JdbcTemplate jdbc;

    BulkWrites(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void readHeads(Collection<UUID> ids, RowCallbackHandler rows) {
        String[] texts = ids.stream().map(UUID::toString).toArray(String[]::new);
        jdbc.query(
                connection -> {
                    PreparedStatement ps = connection.prepareStatement(READ_HEADS);
                    ps.setArray(1, connection.createArrayOf("text", texts));
                    return ps;
                },
                rows);
    }

    void insertConversations(List<SqlParameterSource> rows) {
        run(
                INSERT_CONVERSATIONS,
                rows,
                text("conversationId"),
                text("type"),
                text("title"),
                bigint("createdBy"),
                text("createdAt"));
    }

    /**
     * Membership changes in event order per member: the k-th change of every member goes into round k;
     * within a round each member appears once, so the kinds of one round commute.
     */
    void membershipChanges(List<String> statements, List<SqlParameterSource> rows) {
        Map<List<Object>, Integer> changesPerMember = new HashMap<>();
        Map<Integer, Map<String, List<SqlParameterSource>>> rounds = new LinkedHashMap<>();
        for (int i = 0; i < statements.size(); i++) {
            String sql = statements.get(i);
            if (sql.equals(ReadModelSql.DELETE_LEAVER_INBOX_ROW)) {
                continue; // no inbox rows during a bulk replay
            }
            SqlParameterSource row = rows.get(i);
            List<Object> member = List.of(row.getValue("conversationId"), row.getValue("userId"));
            int round = changesPerMember.merge(member, 1, Integer::sum);
            rounds.computeIfAbsent(round, r -> new LinkedHashMap<>())
                    .computeIfAbsent(sql, s -> new ArrayList<>())
                    .add(row);
        }
        for (Map<String, List<SqlParameterSource>> round : rounds.values()) {
            round.forEach((sql, members) -> {
                if (sql.equals(ReadModelSql.INSERT_FOUNDING_MEMBER)) {
                    run(INSERT_FOUNDING_MEMBERS, members, text("conversationId"), bigint("userId"), text("role"));
                } else if (sql.equals(ReadModelSql.UPSERT_JOINED_MEMBER)) {
                    run(UPSERT_JOINED_MEMBERS, members, text("conversationId"), bigint("userId"), bigint("seq"));
                } else if (sql.equals(ReadModelSql.DEACTIVATE_MEMBER)) {
                    run(DEACTIVATE_MEMBERS, members, text("conversationId"), bigint("userId"), bigint("seq"));
                } else {
                    throw new IllegalStateException("Unexpected membership statement " + sql);
                }
            });
        }
    }

    void insertMessages(List<SqlParameterSource> rows) {
        run(
                INSERT_MESSAGES,
                rows,
                text("conversationId"),
                bigint("seq"),
                text("messageId"),
                text("clientMessageId"),
                bigint("senderId"),
                text("type"),
                text("body"),
                text("meta"),
                text("attachments"),
                text("sentAt"),
                bigint("ordinal"),
                bigint("position"));
    }

    /** The first deletion of a seq wins, as with one statement per row guarded by NOT deleted. */
    void deleteMessagesForEveryone(List<SqlParameterSource> rows) {
        Set<List<Object>> seen = new LinkedHashSet<>();
        List<SqlParameterSource> first = rows.stream()
                .filter(r -> seen.add(List.of(r.getValue("conversationId"), r.getValue("seq"))))
                .toList();
        run(
                DELETE_MESSAGES_FOR_EVERYONE,
                first,
                text("conversationId"),
                bigint("seq"),
                bigint("deletedBy"),
                text("deletedAt"));
    }

    /** One row per member (the batch keeps the highest seq per sender). */
    void moveSenderPointers(List<SqlParameterSource> rows) {
        run(MOVE_SENDER_POINTERS, rows, text("conversationId"), bigint("userId"), bigint("seq"));
    }

    void moveReadPointers(List<SqlParameterSource> rows) {
        run(
                MOVE_READ_POINTERS,
                rows,
                text("conversationId"),
                bigint("userId"),
                bigint("readSeq"),
                bigint("position"),
                bigint("memberVersion"));
    }

    void insertHiddenMessages(List<SqlParameterSource> rows) {
        run(INSERT_HIDDEN_MESSAGES, rows, bigint("userId"), text("conversationId"), bigint("seq"));
    }

    void raiseMemberVersions(List<SqlParameterSource> rows) {
        run(RAISE_MEMBER_VERSIONS, rows, text("conversationId"), bigint("userId"), bigint("memberVersion"));
    }

    void mute(List<SqlParameterSource> rows) {
        run(MUTE, rows, text("conversationId"), bigint("userId"), bigint("memberVersion"), text("mutedUntil"));
    }

    void updateHeads(List<SqlParameterSource> rows) {
        run(
                UPDATE_HEADS,
                rows,
                text("conversationId"),
                bigint("lastSeq"),
                bigint("countableTotal"),
                text("lastActivityAt"),
                bigint("aggregateVersion"),
                bigint("appliedPosition"),
                bool("membershipChanged"));
    }

    private void run(String sql, List<SqlParameterSource> rows, Column... columns) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.update((Connection connection) -> {
            PreparedStatement ps = connection.prepareStatement(sql);
            for (int c = 0; c < columns.length; c++) {
                ps.setArray(c + 1, array(connection, columns[c], rows));
            }
            return ps;
        });
    }

    private static Array array(Connection connection, Column column, List<SqlParameterSource> rows)
            throws SQLException {
        int n = rows.size();
        switch (column.type()) {
            case "text": {
                String[] values = new String[n];
                for (int i = 0; i < n; i++) {
                    values[i] = asText(rows.get(i).getValue(column.name()));
                }
                return connection.createArrayOf("text", values);
            }
            case "bigint": {
                Long[] values = new Long[n];
                for (int i = 0; i < n; i++) {
                    Object value = rows.get(i).getValue(column.name());
                    values[i] = value == null ? null : ((Number) value).longValue();
                }
                return connection.createArrayOf("bigint", values);
            }
            case "boolean": {
                Boolean[] values = new Boolean[n];
                for (int i = 0; i < n; i++) {
                    values[i] = (Boolean) rows.get(i).getValue(column.name());
                }
                return connection.createArrayOf("boolean", values);
            }
            default:
                throw new IllegalArgumentException("Unsupported array type " + column.type());
        }
    }

    private static String asText(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime time) {
            return TIMESTAMP.format(time);
        }
        if (value instanceof UUID || value instanceof String) {
            return value.toString();
        }
        throw new IllegalArgumentException("No text form for " + value.getClass());
    }

    private static Column text(String name) {
        return new Column(name, "text");
    }

    private static Column bigint(String name) {
        return new Column(name, "bigint");
    }

    private static Column bool(String name) {
        return new Column(name, "boolean");
    }
}
