package dev.chorus.command.lookup;

import dev.chorus.command.conversation.MessageIds;
import dev.chorus.events.ConversationCreated;
import dev.chorus.events.ConversationType;
import dev.chorus.events.Member;
import dev.chorus.events.MemberRemoved;
import dev.chorus.events.MembersAdded;
import dev.chorus.events.MessageDeleted;
import dev.chorus.events.MessageSent;
import dev.chorus.events.MessageType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

/**
 * Keeps the command-side lookup tables. Runs in a SUBSCRIBING processor, i.e. inside the
 * transaction that appends the conversation's events, with a propagating error handler: if a
 * unique key here rejects a write (a second DM for the same pair, a reused clientMessageId), the
 * whole command rolls back.
 */
@Component
@ProcessingGroup(CommandLookupProjector.PROCESSOR)
public class CommandLookupProjector {

    public static final String PROCESSOR = "command-lookups";

    private final JdbcClient jdbc;

    public CommandLookupProjector(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ConversationCreated event, @SequenceNumber long version) {
        jdbc.sql(
                        """
                        INSERT INTO conversation_head (conversation_id, type, created_by, last_seq, aggregate_version)
                        VALUES (?, ?, ?, 0, ?)""")
                .params(event.conversationId(), event.type().name(), event.createdBy(), version)
                .update();
        Long[] userIds = event.members().stream().map(Member::userId).toArray(Long[]::new);
        jdbc.sql(
                        """
                        INSERT INTO member_state (conversation_id, user_id, active, read_seq)
                        SELECT ?, u, true, 0 FROM unnest(?) AS u""")
                .params(event.conversationId(), new SqlArrayValue("bigint", (Object[]) userIds))
                .update();
        if (event.type() == ConversationType.DM) {
            long a = userIds[0];
            long b = userIds[1];
            jdbc.sql("INSERT INTO direct_conversation (user_low, user_high, conversation_id) VALUES (?, ?, ?)")
                    .params(Math.min(a, b), Math.max(a, b), event.conversationId())
                    .update();
        }
    }

    @EventHandler
    void on(MembersAdded event, @SequenceNumber long version) {
        advanceHead(event.conversationId(), event.seq(), version);
        recordSystemMessage(event.conversationId(), event.seq(), event.addedBy(), event.addedAt());
        // A re-joining member keeps their row (and member_version); the pointer starts at the join.
        jdbc.sql(
                        """
                        INSERT INTO member_state (conversation_id, user_id, active, read_seq)
                        SELECT ?, u, true, ? FROM unnest(?) AS u
                        ON CONFLICT (conversation_id, user_id) DO UPDATE
                           SET active = true, read_seq = GREATEST(member_state.read_seq, EXCLUDED.read_seq)""")
                .params(event.conversationId(), event.seq(), new SqlArrayValue("bigint", (Object[])
                        event.userIds().toArray(Long[]::new)))
                .update();
    }

    @EventHandler
    void on(MemberRemoved event, @SequenceNumber long version) {
        advanceHead(event.conversationId(), event.seq(), version);
        recordSystemMessage(event.conversationId(), event.seq(), event.removedBy(), event.removedAt());
        jdbc.sql("UPDATE member_state SET active = false WHERE conversation_id = ? AND user_id = ?")
                .params(event.conversationId(), event.userId())
                .update();
    }

    @EventHandler
    void on(MessageSent event, @SequenceNumber long version) {
        advanceHead(event.conversationId(), event.seq(), version);
        jdbc.sql(
                        """
                        INSERT INTO message_directory
                               (conversation_id, seq, message_id, client_message_id, sender_id, message_type, sent_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        event.conversationId(),
                        event.seq(),
                        event.messageId(),
                        event.clientMessageId(),
                        event.senderId(),
                        event.messageType().name(),
                        timestamp(event.sentAt()))
                .update();
        // Sending moves the sender's read pointer to the message (no event of its own).
        jdbc.sql(
                        """
                        UPDATE member_state SET read_seq = GREATEST(read_seq, ?)
                         WHERE conversation_id = ? AND user_id = ?""")
                .params(event.seq(), event.conversationId(), event.senderId())
                .update();
    }

    @EventHandler
    void on(MessageDeleted event, @SequenceNumber long version) {
        jdbc.sql("UPDATE conversation_head SET aggregate_version = ? WHERE conversation_id = ?")
                .params(version, event.conversationId())
                .update();
        jdbc.sql("UPDATE message_directory SET deleted = true WHERE conversation_id = ? AND seq = ?")
                .params(event.conversationId(), event.seq())
                .update();
    }

    private void advanceHead(UUID conversationId, long seq, long version) {
        jdbc.sql("UPDATE conversation_head SET last_seq = ?, aggregate_version = ? WHERE conversation_id = ?")
                .params(seq, version, conversationId)
                .update();
    }

    private void recordSystemMessage(UUID conversationId, long seq, long actor, Instant at) {
        jdbc.sql(
                        """
                        INSERT INTO message_directory (conversation_id, seq, message_id, sender_id, message_type, sent_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(
                        conversationId,
                        seq,
                        MessageIds.system(conversationId, seq),
                        actor,
                        MessageType.SYSTEM.name(),
                        timestamp(at))
                .update();
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
