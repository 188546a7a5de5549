package dev.chorus.projection.support;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Typed reads of read-model rows for assertions. */
public final class ReadModelRows {

    public record Inbox(
            long userId,
            UUID conversationId,
            OffsetDateTime lastActivityAt,
            long lastSeq,
            int unreadCount,
            long lastReadSeq,
            OffsetDateTime mutedUntil) {}

    public record Member(
            String role,
            boolean active,
            long joinedSeq,
            long membershipSeq,
            long readSeq,
            OffsetDateTime mutedUntil,
            long memberVersion,
            boolean fannedOutOnRead) {}

    public record Conversation(
            int memberCount,
            long lastSeq,
            long countableTotal,
            Long lastMessageSeq,
            Long lastMessageSender,
            String lastMessageType,
            String lastMessagePreview,
            long aggregateVersion,
            long appliedPosition) {}

    public record Message(
            long seq,
            long senderId,
            String type,
            String body,
            String meta,
            String attachments,
            long ordinal,
            boolean deleted) {}

    private final JdbcClient sql;

    ReadModelRows(JdbcClient sql) {
        this.sql = sql;
    }

    public Optional<Inbox> inbox(long userId, UUID conversationId) {
        return sql.sql("SELECT * FROM user_inbox WHERE user_id = ? AND conversation_id = ?")
                .params(userId, conversationId)
                .query(Inbox.class)
                .optional();
    }

    /** The unread count of an inbox row that must exist. */
    public int unread(long userId, UUID conversationId) {
        return inbox(userId, conversationId)
                .orElseThrow(() -> new AssertionError("no inbox row for user " + userId))
                .unreadCount();
    }

    /** The entry computed by the formula view (what query-service shows for large groups). */
    public Optional<Inbox> computed(long userId, UUID conversationId) {
        return sql.sql("SELECT * FROM computed_inbox_entry WHERE user_id = ? AND conversation_id = ?")
                .params(userId, conversationId)
                .query(Inbox.class)
                .optional();
    }

    public Member member(UUID conversationId, long userId) {
        return sql.sql("SELECT * FROM conversation_member WHERE conversation_id = ? AND user_id = ?")
                .params(conversationId, userId)
                .query(Member.class)
                .single();
    }

    public Conversation conversation(UUID conversationId) {
        return sql.sql("SELECT * FROM conversation WHERE conversation_id = ?")
                .params(conversationId)
                .query(Conversation.class)
                .single();
    }

    public Message message(UUID conversationId, long seq) {
        return sql.sql(
                        "SELECT seq, sender_id, type, body, meta::text AS meta, attachments::text AS attachments, ordinal,"
                                + " deleted FROM message WHERE conversation_id = ? AND seq = ?")
                .params(conversationId, seq)
                .query(Message.class)
                .single();
    }

    public List<Inbox> inboxRowsOf(UUID conversationId) {
        return sql.sql("SELECT * FROM user_inbox WHERE conversation_id = ? ORDER BY user_id")
                .param(conversationId)
                .query(Inbox.class)
                .list();
    }

    /** user_inbox rows that differ from the formula view: must always be empty. */
    public List<String> inboxRowsDifferingFromFormula() {
        return sql.sql(
                        """
                        SELECT i.user_id || '/' || i.conversation_id FROM
                          (SELECT user_id, conversation_id, last_activity_at, last_seq, unread_count, last_read_seq,
                                  muted_until FROM user_inbox
                           EXCEPT
                           SELECT user_id, conversation_id, last_activity_at, last_seq, unread_count, last_read_seq,
                                  muted_until FROM computed_inbox_entry) i
                        """)
                .query(String.class)
                .list();
    }

    /** Active members of conversations at or below {@code threshold} members that lack an inbox row. */
    public List<String> missingInboxRows(int threshold) {
        return sql.sql(
                        """
                        SELECT e.user_id || '/' || e.conversation_id
                          FROM computed_inbox_entry e JOIN conversation c USING (conversation_id)
                         WHERE c.member_count <= ?
                           AND NOT EXISTS (SELECT 1 FROM user_inbox i
                                            WHERE i.user_id = e.user_id AND i.conversation_id = e.conversation_id)
                        """)
                .param(threshold)
                .query(String.class)
                .list();
    }

    /**
     * Memberships that break the fan-out invariant query-service relies on: an active membership has
     * a user_inbox row exactly when its fanned_out_on_read flag is false (and the flag agrees with
     * its conversation's mode); nobody else has a row. Must always be empty.
     */
    public List<String> fanOutModeViolations() {
        return sql.sql(
                        """
                        SELECT m.user_id || '/' || m.conversation_id || ': active=' || m.active
                               || ' flag=' || m.fanned_out_on_read || ' mode=' || c.fanned_out_on_read
                               || ' row=' || (i.user_id IS NOT NULL)
                          FROM conversation_member m
                          JOIN conversation c ON c.conversation_id = m.conversation_id
                          LEFT JOIN user_inbox i ON i.user_id = m.user_id AND i.conversation_id = m.conversation_id
                         WHERE m.fanned_out_on_read <> c.fanned_out_on_read
                            OR (m.active AND (i.user_id IS NOT NULL) = m.fanned_out_on_read)
                            OR (NOT m.active AND i.user_id IS NOT NULL)
                        UNION ALL
                        SELECT i.user_id || '/' || i.conversation_id || ': inbox row without membership'
                          FROM user_inbox i
                         WHERE NOT EXISTS (SELECT 1 FROM conversation_member m
                                            WHERE m.user_id = i.user_id AND m.conversation_id = i.conversation_id)
                        """)
                .query(String.class)
                .list();
    }
}
