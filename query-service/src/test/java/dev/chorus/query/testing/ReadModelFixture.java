package dev.chorus.query.testing;

import dev.chorus.events.ConversationType;
import dev.chorus.events.MessageType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes read-model rows the way projection-service does, one event per transaction, so tests can set
 * up any state without Kafka. What it mirrors (see V1__read_model.sql):
 *
 * <ul>
 *   <li>Every conversation-aggregate event (create, join, leave, send, delete) raises {@code
 *       conversation.aggregate_version} by one (created = 0) and {@code applied_position}; every
 *       member event (read, hide, mute) raises that member's {@code member_version}.
 *   <li>A send takes the next seq, an {@code ordinal} = running count of countable (non-SYSTEM)
 *       messages, moves the conversation head and the sender's read pointer to the seq. Joins and
 *       leaves are SYSTEM messages; a joiner's pointer starts at the join seq.
 *   <li>A delete for everyone clears body, meta and attachments and moves the head's preview to the
 *       last message not deleted.
 *   <li>For a fanned-out conversation, after every event each active member's {@code user_inbox} row is
 *       rewritten with the unread count computed by the <em>literal</em> formula of the architecture
 *       (a plain COUNT of messages after the pointer, not own, not SYSTEM, not deleted, not hidden), and
 *       rows of members who left are removed. A large conversation ({@link #largeConversation}) gets no
 *       {@code user_inbox} rows at all, as projection-service does above its large-group threshold;
 *       its head and memberships are flagged {@code fanned_out_on_read}.
 * </ul>
 *
 * Event times come from a shared clock that advances one second per event, so activity order is the
 * order of calls; {@link #setActivity} forces ties. User ids from {@link #newUser} are unique per JVM,
 * so tests sharing the database never see each other's rows.
 */
public final class ReadModelFixture {

    private static final AtomicLong USERS = new AtomicLong(1_000);
    private static final AtomicLong CLOCK_SECONDS =
            new AtomicLong(Instant.parse("2030-01-01T00:00:00Z").getEpochSecond());
    private static final AtomicLong POSITION = new AtomicLong();

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    public ReadModelFixture(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /** A conversation as the fixture knows it: whether projection-service fans it out on write. */
    public record Conversation(UUID id, boolean fannedOut) {}

    public static long newUser() {
        return USERS.incrementAndGet();
    }

    public static Instant tick() {
        return Instant.ofEpochSecond(CLOCK_SECONDS.incrementAndGet());
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    public Conversation conversation(ConversationType type, String title, long createdBy, long... members) {
        return create(true, type, title, createdBy, members);
    }

    public Conversation group(long createdBy, long... members) {
        return conversation(ConversationType.GROUP, "group of " + createdBy, createdBy, members);
    }

    /** A group above the large-group threshold: no user_inbox rows, ever. */
    public Conversation largeConversation(long createdBy, long... members) {
        return create(false, ConversationType.GROUP, "large group of " + createdBy, createdBy, members);
    }

    private Conversation create(
            boolean fannedOut, ConversationType type, String title, long createdBy, long... members) {
        Conversation conversation = new Conversation(UUID.randomUUID(), fannedOut);
        OffsetDateTime at = utc(tick());
        transaction.executeWithoutResult(status -> {
            jdbc.sql(
                            """
                            INSERT INTO conversation (conversation_id, type, title, created_by, created_at,
                                                      member_count, last_activity_at, aggregate_version,
                                                      applied_position)
                            VALUES (:id, :type, :title, :createdBy, :at, :count, :at, 0, :position)
                            """)
                    .param("id", conversation.id())
                    .param("type", type.name())
                    .param("title", title)
                    .param("createdBy", createdBy)
                    .param("at", at)
                    .param("count", members.length + 1)
                    .param("position", POSITION.incrementAndGet())
                    .update();
            insertMember(conversation.id(), createdBy, "ADMIN", 0);
            for (long member : members) {
                insertMember(conversation.id(), member, "MEMBER", 0);
            }
            refreshInbox(conversation);
        });
        return conversation;
    }

    public long send(Conversation conversation, long senderId, String body) {
        return send(conversation, senderId, MessageType.TEXT, body, null, "[]");
    }

    /** @return the new message's seq */
    public long send(
            Conversation conversation,
            long senderId,
            MessageType type,
            String body,
            String metaJson,
            String attachmentsJson) {
        Instant at = tick();
        return transaction.execute(status -> {
            long seq = appendMessage(conversation, senderId, type, body, metaJson, attachmentsJson, at);
            jdbc.sql(
                            """
                            UPDATE conversation_member SET read_seq = greatest(read_seq, :seq)
                            WHERE conversation_id = :id AND user_id = :sender
                            """)
                    .param("seq", seq)
                    .param("id", conversation.id())
                    .param("sender", senderId)
                    .update();
            refreshInbox(conversation);
            return seq;
        });
    }

    /** MembersAdded: a SYSTEM message; the joiner's pointer starts at it. */
    public long join(Conversation conversation, long addedBy, long userId) {
        Instant at = tick();
        return transaction.execute(status -> {
            long seq = appendMessage(
                    conversation, addedBy, MessageType.SYSTEM, null, "{\"joined\":[" + userId + "]}", "[]", at);
            jdbc.sql(
                            """
                            INSERT INTO conversation_member (conversation_id, user_id, role, active, joined_seq,
                                                             membership_seq, read_seq)
                            VALUES (:id, :user, 'MEMBER', true, :seq, :seq, :seq)
                            ON CONFLICT (conversation_id, user_id) DO UPDATE
                            SET active = true, joined_seq = :seq, membership_seq = :seq,
                                read_seq = greatest(conversation_member.read_seq, :seq)
                            """)
                    .param("id", conversation.id())
                    .param("user", userId)
                    .param("seq", seq)
                    .update();
            jdbc.sql("UPDATE conversation SET member_count = member_count + 1 WHERE conversation_id = :id")
                    .param("id", conversation.id())
                    .update();
            refreshInbox(conversation);
            return seq;
        });
    }

    /** MemberRemoved (a leave): a SYSTEM message; the row stays, inactive; the inbox row goes. */
    public long leave(Conversation conversation, long userId) {
        Instant at = tick();
        return transaction.execute(status -> {
            long seq = appendMessage(
                    conversation, userId, MessageType.SYSTEM, null, "{\"left\":" + userId + "}", "[]", at);
            jdbc.sql(
                            """
                            UPDATE conversation_member SET active = false, membership_seq = :seq
                            WHERE conversation_id = :id AND user_id = :user
                            """)
                    .param("id", conversation.id())
                    .param("user", userId)
                    .param("seq", seq)
                    .update();
            jdbc.sql("UPDATE conversation SET member_count = member_count - 1 WHERE conversation_id = :id")
                    .param("id", conversation.id())
                    .update();
            refreshInbox(conversation);
            return seq;
        });
    }

    /** ReadPointerMoved: a monotonic max, clamped to the last seq. */
    public void markRead(Conversation conversation, long userId, long seq) {
        transaction.executeWithoutResult(status -> {
            jdbc.sql(
                            """
                            UPDATE conversation_member m
                            SET read_seq = greatest(m.read_seq, least(:seq, c.last_seq)),
                                member_version = m.member_version + 1
                            FROM conversation c
                            WHERE c.conversation_id = m.conversation_id
                              AND m.conversation_id = :id AND m.user_id = :user
                            """)
                    .param("id", conversation.id())
                    .param("user", userId)
                    .param("seq", seq)
                    .update();
            refreshInbox(conversation);
        });
    }

    /** MessageHidden: deleted for one user only. */
    public void hide(Conversation conversation, long userId, long seq) {
        transaction.executeWithoutResult(status -> {
            jdbc.sql(
                            """
                            INSERT INTO hidden_message (user_id, conversation_id, seq) VALUES (:user, :id, :seq)
                            ON CONFLICT DO NOTHING
                            """)
                    .param("user", userId)
                    .param("id", conversation.id())
                    .param("seq", seq)
                    .update();
            bumpMemberVersion(conversation, userId);
            refreshInbox(conversation);
        });
    }

    /** ConversationMuted; {@code until == null} unmutes. */
    public void mute(Conversation conversation, long userId, Instant until) {
        transaction.executeWithoutResult(status -> {
            jdbc.sql(
                            """
                            UPDATE conversation_member
                            SET muted_until = :until, member_version = member_version + 1
                            WHERE conversation_id = :id AND user_id = :user
                            """)
                    .param("until", until == null ? null : utc(until))
                    .param("id", conversation.id())
                    .param("user", userId)
                    .update();
            refreshInbox(conversation);
        });
    }

    /** MessageDeleted: for everyone; keeps the seq, loses the content. */
    public void delete(Conversation conversation, long seq, long deletedBy) {
        Instant at = tick();
        transaction.executeWithoutResult(status -> {
            jdbc.sql(
                            """
                            UPDATE message SET deleted = true, body = NULL, meta = NULL, attachments = '[]'::jsonb,
                                               deleted_by = :by, deleted_at = :at
                            WHERE conversation_id = :id AND seq = :seq
                            """)
                    .param("id", conversation.id())
                    .param("seq", seq)
                    .param("by", deletedBy)
                    .param("at", utc(at))
                    .update();
            jdbc.sql(
                            """
                            UPDATE conversation c
                            SET (last_message_seq, last_message_sender, last_message_type, last_message_preview,
                                 last_message_at) =
                                (SELECT m.seq, m.sender_id, m.type, left(m.body, 100), m.sent_at FROM message m
                                 WHERE m.conversation_id = c.conversation_id AND NOT m.deleted
                                 ORDER BY m.seq DESC LIMIT 1)
                            WHERE c.conversation_id = :id
                            """)
                    .param("id", conversation.id())
                    .update();
            bumpAggregateVersion(conversation);
            refreshInbox(conversation);
        });
    }

    /** Forces the conversation's activity time (and its members' inbox rows) to {@code at}, for ties. */
    public void setActivity(Conversation conversation, Instant at) {
        transaction.executeWithoutResult(status -> {
            jdbc.sql("UPDATE conversation SET last_activity_at = :at WHERE conversation_id = :id")
                    .param("at", utc(at))
                    .param("id", conversation.id())
                    .update();
            refreshInbox(conversation);
        });
    }

    /** Raises the conversation's watermark, as applying one more conversation event would. */
    public void bumpAggregateVersion(Conversation conversation) {
        jdbc.sql(
                        """
                        UPDATE conversation SET aggregate_version = aggregate_version + 1,
                                                applied_position = :position
                        WHERE conversation_id = :id
                        """)
                .param("id", conversation.id())
                .param("position", POSITION.incrementAndGet())
                .update();
    }

    public long aggregateVersion(Conversation conversation) {
        return jdbc.sql("SELECT aggregate_version FROM conversation WHERE conversation_id = :id")
                .param("id", conversation.id())
                .query(Long.class)
                .single();
    }

    public long memberVersion(Conversation conversation, long userId) {
        return jdbc.sql(
                        "SELECT member_version FROM conversation_member WHERE conversation_id = :id AND user_id = :user")
                .param("id", conversation.id())
                .param("user", userId)
                .query(Long.class)
                .single();
    }

    /** The architecture's unread formula, literally: the expected value for any conversation. */
    public int specUnread(Conversation conversation, long userId) {
        return jdbc.sql(
                        """
                        SELECT count(*) FROM message m
                        JOIN conversation_member cm ON cm.conversation_id = m.conversation_id AND cm.user_id = :user
                        WHERE m.conversation_id = :id AND m.seq > cm.read_seq AND m.sender_id <> :user
                          AND m.type <> 'SYSTEM' AND NOT m.deleted
                          AND NOT EXISTS (SELECT 1 FROM hidden_message h
                                          WHERE h.user_id = :user AND h.conversation_id = m.conversation_id
                                            AND h.seq = m.seq)
                        """)
                .param("id", conversation.id())
                .param("user", userId)
                .query(Integer.class)
                .single();
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private void insertMember(UUID conversationId, long userId, String role, long seq) {
        jdbc.sql(
                        """
                        INSERT INTO conversation_member (conversation_id, user_id, role, active, joined_seq,
                                                         membership_seq, read_seq)
                        VALUES (:id, :user, :role, true, :seq, :seq, :seq)
                        """)
                .param("id", conversationId)
                .param("user", userId)
                .param("role", role)
                .param("seq", seq)
                .update();
    }

    private long appendMessage(
            Conversation conversation,
            long senderId,
            MessageType type,
            String body,
            String metaJson,
            String attachmentsJson,
            Instant at) {
        long[] head = jdbc.sql(
                        "SELECT last_seq, countable_total FROM conversation WHERE conversation_id = :id FOR UPDATE")
                .param("id", conversation.id())
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
        long seq = head[0] + 1;
        long ordinal = head[1] + (type.countable() ? 1 : 0);
        jdbc.sql(
                        """
                        INSERT INTO message (conversation_id, seq, message_id, client_message_id, sender_id, type,
                                             body, meta, attachments, sent_at, ordinal, position)
                        VALUES (:id, :seq, :messageId, :clientMessageId, :sender, :type, :body,
                                CAST(:meta AS jsonb), CAST(:attachments AS jsonb), :at, :ordinal, :position)
                        """)
                .param("id", conversation.id())
                .param("seq", seq)
                .param("messageId", UUID.randomUUID())
                .param("clientMessageId", UUID.randomUUID())
                .param("sender", senderId)
                .param("type", type.name())
                .param("body", body)
                .param("meta", metaJson)
                .param("attachments", attachmentsJson)
                .param("at", utc(at))
                .param("ordinal", ordinal)
                .param("position", POSITION.incrementAndGet())
                .update();
        jdbc.sql(
                        """
                        UPDATE conversation
                        SET last_seq = :seq, countable_total = :ordinal, last_activity_at = :at,
                            last_message_seq = :seq, last_message_sender = :sender, last_message_type = :type,
                            last_message_preview = left(:body, 100), last_message_at = :at
                        WHERE conversation_id = :id
                        """)
                .param("id", conversation.id())
                .param("seq", seq)
                .param("ordinal", ordinal)
                .param("at", utc(at))
                .param("sender", senderId)
                .param("type", type.name())
                .param("body", body)
                .update();
        bumpAggregateVersion(conversation);
        return seq;
    }

    private void bumpMemberVersion(Conversation conversation, long userId) {
        jdbc.sql(
                        """
                        UPDATE conversation_member SET member_version = member_version + 1
                        WHERE conversation_id = :id AND user_id = :user
                        """)
                .param("id", conversation.id())
                .param("user", userId)
                .update();
    }

    private void refreshInbox(Conversation conversation) {
        if (!conversation.fannedOut()) {
            // As projection-service marks a group it fans out on read: the head and every membership.
            jdbc.sql("UPDATE conversation SET fanned_out_on_read = true WHERE conversation_id = :id")
                    .param("id", conversation.id())
                    .update();
            jdbc.sql("UPDATE conversation_member SET fanned_out_on_read = true WHERE conversation_id = :id")
                    .param("id", conversation.id())
                    .update();
            return;
        }
        jdbc.sql(
                        """
                        DELETE FROM user_inbox ui
                        WHERE ui.conversation_id = :id
                          AND NOT EXISTS (SELECT 1 FROM conversation_member cm
                                          WHERE cm.conversation_id = ui.conversation_id
                                            AND cm.user_id = ui.user_id AND cm.active)
                        """)
                .param("id", conversation.id())
                .update();
        jdbc.sql(
                        """
                        INSERT INTO user_inbox (user_id, conversation_id, last_activity_at, last_seq, unread_count,
                                                last_read_seq, muted_until)
                        SELECT cm.user_id, c.conversation_id, c.last_activity_at, c.last_seq,
                               (SELECT count(*) FROM message m
                                WHERE m.conversation_id = c.conversation_id AND m.seq > cm.read_seq
                                  AND m.sender_id <> cm.user_id AND m.type <> 'SYSTEM' AND NOT m.deleted
                                  AND NOT EXISTS (SELECT 1 FROM hidden_message h
                                                  WHERE h.user_id = cm.user_id
                                                    AND h.conversation_id = m.conversation_id
                                                    AND h.seq = m.seq)),
                               cm.read_seq, cm.muted_until
                        FROM conversation c
                        JOIN conversation_member cm ON cm.conversation_id = c.conversation_id AND cm.active
                        WHERE c.conversation_id = :id
                        ON CONFLICT (user_id, conversation_id) DO UPDATE
                        SET last_activity_at = EXCLUDED.last_activity_at, last_seq = EXCLUDED.last_seq,
                            unread_count = EXCLUDED.unread_count, last_read_seq = EXCLUDED.last_read_seq,
                            muted_until = EXCLUDED.muted_until
                        """)
                .param("id", conversation.id())
                .update();
    }
}
