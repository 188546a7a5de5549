package dev.chorus.query.conversation;

import dev.chorus.events.ConversationType;
import dev.chorus.events.MemberRole;
import dev.chorus.events.MessageType;
import dev.chorus.query.support.Timestamps;
import dev.chorus.web.ChorusException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** A conversation's head and members, and read receipts; callers check access first. */
@Repository
public class ConversationQuery {

    private final JdbcClient jdbc;

    public ConversationQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Head and members from one snapshot, so memberCount and members agree. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public ConversationDetail detail(UUID conversationId, long callerId) {
        List<ConversationDetail.MemberState> members = jdbc.sql(
                        """
                        SELECT user_id, role, read_seq, joined_seq FROM conversation_member
                        WHERE conversation_id = :conversationId AND active
                        ORDER BY user_id
                        """)
                .param("conversationId", conversationId)
                .query((rs, n) -> new ConversationDetail.MemberState(
                        rs.getLong("user_id"),
                        MemberRole.valueOf(rs.getString("role")),
                        rs.getLong("read_seq"),
                        rs.getLong("joined_seq")))
                .list();
        return jdbc.sql(
                        """
                        SELECT c.*, cm.muted_until
                        FROM conversation c
                        LEFT JOIN conversation_member cm
                               ON cm.conversation_id = c.conversation_id AND cm.user_id = :callerId
                        WHERE c.conversation_id = :conversationId
                        """)
                .param("conversationId", conversationId)
                .param("callerId", callerId)
                .query((rs, n) -> detail(rs, members))
                .optional()
                .orElseThrow(() -> notFound(conversationId));
    }

    /** @throws ChorusException.NotFound if the conversation has no message {@code seq} */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Receipts receipts(UUID conversationId, long seq) {
        long senderId = jdbc.sql("SELECT sender_id FROM message WHERE conversation_id = :conversationId AND seq = :seq")
                .param("conversationId", conversationId)
                .param("seq", seq)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new ChorusException.NotFound(
                        "message-not-found", "Conversation " + conversationId + " has no message " + seq));
        List<Long> readBy = new ArrayList<>();
        List<Long> notReadBy = new ArrayList<>();
        jdbc.sql(
                        """
                        SELECT user_id, read_seq >= :seq AS has_read FROM conversation_member
                        WHERE conversation_id = :conversationId AND active AND user_id <> :senderId
                        ORDER BY user_id
                        """)
                .param("conversationId", conversationId)
                .param("seq", seq)
                .param("senderId", senderId)
                .query(rs -> {
                    (rs.getBoolean("has_read") ? readBy : notReadBy).add(rs.getLong("user_id"));
                });
        return new Receipts(seq, readBy, notReadBy);
    }

    private static ConversationDetail detail(ResultSet rs, List<ConversationDetail.MemberState> members)
            throws SQLException {
        long lastMessageSeq = rs.getLong("last_message_seq");
        ConversationDetail.LastMessage lastMessage = rs.wasNull()
                ? null
                : new ConversationDetail.LastMessage(
                        lastMessageSeq,
                        rs.getLong("last_message_sender"),
                        MessageType.valueOf(rs.getString("last_message_type")),
                        rs.getString("last_message_preview"),
                        instant(rs, "last_message_at"));
        return new ConversationDetail(
                rs.getObject("conversation_id", UUID.class),
                ConversationType.valueOf(rs.getString("type")),
                rs.getString("title"),
                rs.getLong("created_by"),
                instant(rs, "created_at"),
                rs.getInt("member_count"),
                rs.getLong("last_seq"),
                instant(rs, "last_activity_at"),
                lastMessage,
                instant(rs, "muted_until"),
                members);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return Timestamps.toInstant(rs.getObject(column, OffsetDateTime.class));
    }

    private static ChorusException.NotFound notFound(UUID conversationId) {
        return new ChorusException.NotFound("conversation-not-found", "There is no conversation " + conversationId);
    }
}
