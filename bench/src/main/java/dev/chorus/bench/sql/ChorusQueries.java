package dev.chorus.bench.sql;

/**
 * The SQL query-service runs for the two pages the benchmark reads, copied verbatim from
 * {@code dev.chorus.query.inbox.InboxQuery.FIRST_PAGE_SQL} and
 * {@code dev.chorus.query.history.HistoryQuery.NEWEST_FIRST_SQL} (a test of this module fails when the
 * copies drift). Measuring them directly gives a like-for-like ratio against the baselines' SQL,
 * without HTTP, JSON and authentication. The HTTP history endpoint also runs a membership check
 * first, which this does not include.
 */
public final class ChorusQueries {

    private ChorusQueries() {}

    public static final String INBOX_FIRST_PAGE =
            """
            WITH fanned_out_on_write AS (
                SELECT ui.conversation_id, ui.last_activity_at, ui.unread_count, ui.last_read_seq,
                       ui.muted_until, false AS computed
                FROM user_inbox ui
                WHERE ui.user_id = :userId
                 \s
                ORDER BY ui.last_activity_at DESC, ui.conversation_id DESC
                LIMIT :fetch
            ),
            fanned_out_on_read AS (
                SELECT m.conversation_id, c.last_activity_at, NULL::integer AS unread_count,
                       m.read_seq AS last_read_seq, m.muted_until, true AS computed
                FROM conversation_member m
                JOIN conversation c ON c.conversation_id = m.conversation_id
                WHERE m.user_id = :userId AND m.active AND m.fanned_out_on_read
                 \s
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

    public static final String HISTORY_NEWEST_FIRST =
            """
            SELECT m.seq, m.message_id, m.sender_id, m.type, m.body, m.meta::text AS meta,
                   m.attachments::text AS attachments, m.sent_at, m.deleted
            FROM message m
            WHERE m.conversation_id = :conversationId
              AND m.seq > :afterSeq AND m.seq < :beforeSeq
              AND NOT EXISTS (SELECT 1 FROM hidden_message h
                              WHERE h.user_id = :userId AND h.conversation_id = m.conversation_id
                                AND h.seq = m.seq)
            ORDER BY m.seq DESC
            LIMIT :fetch
            """;
}
