package dev.chorus.query.inbox;

import dev.chorus.events.ConversationType;
import dev.chorus.events.MessageType;
import dev.chorus.query.support.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * One inbox page in one statement (one snapshot), merging the two ways an inbox entry exists:
 *
 * <ul>
 *   <li><b>fanned out on write</b>: a {@code user_inbox} row, kept current by projection-service;
 *       read by a range scan of {@code user_inbox_page};
 *   <li><b>fanned out on read</b>: a membership flagged {@code fanned_out_on_read} (groups above
 *       projection-service's large-group threshold, which it deliberately does not fan out), found by a
 *       range scan of the partial index {@code conversation_member_fanned_out_on_read}, so its cost
 *       follows the user's large groups, not all of their conversations; the entry's unread count
 *       comes from the read model's {@code computed_inbox_entry} view (the same formula
 *       projection-service materializes into {@code user_inbox}).
 * </ul>
 *
 * Each source contributes at most {@code limit + 1} rows after the cursor, in page order; the merge
 * keeps the first {@code limit + 1}, and only those of them that are computed pay for the unread
 * formula. projection-service changes a conversation's flags and its inbox rows in one transaction
 * (an active membership has a row exactly when its flag is false), so a group crossing the
 * threshold in either direction is never listed twice or missing, and this query needs no threshold
 * setting.
 */
@Repository
public class InboxQuery {

    private static final String AFTER_CURSOR_IN_INBOX =
            "AND (ui.last_activity_at, ui.conversation_id) < (:afterActivity, :afterConversation)";
    private static final String AFTER_CURSOR_IN_COMPUTED =
            "AND (c.last_activity_at, m.conversation_id) < (:afterActivity, :afterConversation)";

    /** %1$s and %2$s: the cursor predicates, or nothing on the first page. */
    private static final String PAGE_SQL =
            """
            WITH fanned_out_on_write AS (
                SELECT ui.conversation_id, ui.last_activity_at, ui.unread_count, ui.last_read_seq,
                       ui.muted_until, false AS computed
                FROM user_inbox ui
                WHERE ui.user_id = :userId
                  %1$s
                ORDER BY ui.last_activity_at DESC, ui.conversation_id DESC
                LIMIT :fetch
            ),
            fanned_out_on_read AS (
                SELECT m.conversation_id, c.last_activity_at, NULL::integer AS unread_count,
                       m.read_seq AS last_read_seq, m.muted_until, true AS computed
                FROM conversation_member m
                JOIN conversation c ON c.conversation_id = m.conversation_id
                WHERE m.user_id = :userId AND m.active AND m.fanned_out_on_read
                  %2$s
                ORDER BY c.last_activity_at DESC, m.conversation_id DESC
                LIMIT :fetch
            ),
            page AS (
                SELECT * FROM fanned_out_on_write
                UNION ALL
                SELECT * FROM fanned_out_on_read
                ORDER BY last_activity_at DESC, conversation_id DESC
                LIMIT :fetch
            )
            SELECT p.conversation_id, p.last_activity_at, p.last_read_seq, p.muted_until,
                   c.type, c.title,
                   c.last_message_seq, c.last_message_sender, c.last_message_type,
                   c.last_message_preview, c.last_message_at,
                   CASE WHEN p.computed
                        THEN (SELECT e.unread_count FROM computed_inbox_entry e
                              WHERE e.user_id = :userId AND e.conversation_id = p.conversation_id)
                        ELSE p.unread_count
                   END AS unread_count
            FROM page p
            JOIN conversation c ON c.conversation_id = p.conversation_id
            ORDER BY p.last_activity_at DESC, p.conversation_id DESC
            """;

    /** Public so that the plan test EXPLAINs exactly the statements that run. */
    public static final String FIRST_PAGE_SQL = PAGE_SQL.formatted("", "");

    public static final String NEXT_PAGE_SQL = PAGE_SQL.formatted(AFTER_CURSOR_IN_INBOX, AFTER_CURSOR_IN_COMPUTED);

    private final JdbcClient jdbc;

    public InboxQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public InboxPage page(long userId, Optional<InboxCursor> after, int limit) {
        JdbcClient.StatementSpec statement = jdbc.sql(after.isPresent() ? NEXT_PAGE_SQL : FIRST_PAGE_SQL)
                .param("userId", userId)
                .param("fetch", limit + 1);
        if (after.isPresent()) {
            statement = statement
                    .param("afterActivity", after.get().lastActivityAt())
                    .param("afterConversation", after.get().conversationId());
        }
        List<Row> rows = statement.query(InboxQuery::row).list();
        if (rows.size() <= limit) {
            return new InboxPage(rows.stream().map(Row::item).toList(), null);
        }
        List<Row> page = rows.subList(0, limit);
        Row last = page.get(limit - 1);
        return new InboxPage(
                page.stream().map(Row::item).toList(),
                new InboxCursor(last.lastActivityAt(), last.item().conversationId()).encode());
    }

    private record Row(InboxItem item, OffsetDateTime lastActivityAt) {}

    private static Row row(ResultSet rs, int rowNum) throws SQLException {
        long lastMessageSeq = rs.getLong("last_message_seq");
        InboxItem.LastMessage lastMessage = rs.wasNull()
                ? null
                : new InboxItem.LastMessage(
                        lastMessageSeq,
                        rs.getLong("last_message_sender"),
                        MessageType.valueOf(rs.getString("last_message_type")),
                        rs.getString("last_message_preview"),
                        Timestamps.toInstant(rs.getObject("last_message_at", OffsetDateTime.class)));
        InboxItem item = new InboxItem(
                rs.getObject("conversation_id", UUID.class),
                ConversationType.valueOf(rs.getString("type")),
                rs.getString("title"),
                lastMessage,
                rs.getInt("unread_count"),
                rs.getLong("last_read_seq"),
                Timestamps.toInstant(rs.getObject("muted_until", OffsetDateTime.class)));
        return new Row(item, rs.getObject("last_activity_at", OffsetDateTime.class));
    }
}
