package dev.chorus.command.member;

import dev.chorus.events.ConversationMuted;
import dev.chorus.events.MemberEvent;
import dev.chorus.events.MessageHidden;
import dev.chorus.events.ReadPointerMoved;
import dev.chorus.web.ChorusException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Commands about one member's own view: mark read, hide a message, mute. They do not load or lock
 * the conversation aggregate, so marking read in a busy group never waits for its sends. Each
 * updates the member's own {@code member_state} row (a row lock per member, taken by one UPDATE)
 * and appends its {@link MemberEvent} through the event bus in the same transaction.
 *
 * <p>In the event store a member's events form their own stream, {@code
 * member:<conversationId>:<userId>}, with sequence number {@code memberVersion - 1}: the unique key
 * on (aggregate, sequence) backs up the row lock.
 */
@Component
public class MemberCommandHandler {

    public static final String STREAM_TYPE = "ConversationMember";

    private final JdbcClient jdbc;
    private final EventBus eventBus;
    private final Clock clock;

    public MemberCommandHandler(JdbcClient jdbc, EventBus eventBus, Clock clock) {
        this.jdbc = jdbc;
        this.eventBus = eventBus;
        this.clock = clock;
    }

    public static String streamId(UUID conversationId, long userId) {
        return "member:" + conversationId + ":" + userId;
    }

    @CommandHandler
    public MemberOutcome handle(MarkRead command) {
        if (command.upToSeq() < 0) {
            throw new ChorusException.InvalidRequest(
                    "negative-seq", "upToSeq must be 0 or more, got " + command.upToSeq());
        }
        // Monotonic and clamped to the conversation's last seq; moves only if it moves forward.
        Optional<MemberOutcome> moved = jdbc.sql(
                        """
                        UPDATE member_state m
                           SET read_seq = LEAST(:upTo, h.last_seq), member_version = m.member_version + 1
                          FROM conversation_head h
                         WHERE m.conversation_id = :conversation AND m.user_id = :user AND m.active
                           AND h.conversation_id = m.conversation_id
                           AND LEAST(:upTo, h.last_seq) > m.read_seq
                        RETURNING m.read_seq, m.member_version""")
                .param("upTo", command.upToSeq())
                .param("conversation", command.conversationId())
                .param("user", command.userId())
                .query((rs, row) ->
                        new MemberOutcome(command.conversationId(), command.userId(), rs.getLong(1), rs.getLong(2)))
                .optional();
        if (moved.isEmpty()) {
            return current(command.conversationId(), command.userId());
        }
        MemberOutcome outcome = moved.get();
        publish(new ReadPointerMoved(
                command.conversationId(), command.userId(), outcome.readSeq(), outcome.memberVersion(), now()));
        return outcome;
    }

    @CommandHandler
    public MemberOutcome handle(HideMessage command) {
        MemberOutcome current = current(command.conversationId(), command.userId());
        boolean exists = jdbc.sql("SELECT count(*) FROM message_directory WHERE conversation_id = ? AND seq = ?")
                        .params(command.conversationId(), command.seq())
                        .query(Long.class)
                        .single()
                > 0;
        if (!exists) {
            throw new ChorusException.NotFound(
                    "message-not-found",
                    "Conversation " + command.conversationId() + " has no message at seq " + command.seq());
        }
        int hidden = jdbc.sql(
                        """
                        INSERT INTO hidden_message (conversation_id, user_id, seq) VALUES (?, ?, ?)
                        ON CONFLICT DO NOTHING""")
                .params(command.conversationId(), command.userId(), command.seq())
                .update();
        if (hidden == 0) {
            return current; // hidden before: nothing to append
        }
        MemberOutcome outcome = bumpVersion(command.conversationId(), command.userId());
        publish(new MessageHidden(
                command.conversationId(), command.userId(), command.seq(), outcome.memberVersion(), now()));
        return outcome;
    }

    @CommandHandler
    public MemberOutcome handle(MuteConversation command) {
        Instant until = command.until() == null ? null : command.until().truncatedTo(ChronoUnit.MICROS);
        if (until != null && !until.isAfter(clock.instant())) {
            throw new ChorusException.InvalidRequest(
                    "mute-in-past", "until must be in the future (or null to unmute), got " + until);
        }
        Optional<MemberOutcome> changed = jdbc.sql(
                        """
                        UPDATE member_state
                           SET muted_until = :until, member_version = member_version + 1
                         WHERE conversation_id = :conversation AND user_id = :user AND active
                           AND muted_until IS DISTINCT FROM :until
                        RETURNING read_seq, member_version""")
                .param("until", until == null ? null : until.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE)
                .param("conversation", command.conversationId())
                .param("user", command.userId())
                .query((rs, row) ->
                        new MemberOutcome(command.conversationId(), command.userId(), rs.getLong(1), rs.getLong(2)))
                .optional();
        if (changed.isEmpty()) {
            return current(command.conversationId(), command.userId());
        }
        MemberOutcome outcome = changed.get();
        publish(new ConversationMuted(
                command.conversationId(), command.userId(), until, outcome.memberVersion(), now()));
        return outcome;
    }

    /** The member's current state; 404 for an unknown conversation, 403 for a non-member. */
    private MemberOutcome current(UUID conversationId, long userId) {
        record Row(Boolean active, long readSeq, long memberVersion) {}
        Row row = jdbc.sql(
                        """
                        SELECT m.active, coalesce(m.read_seq, 0), coalesce(m.member_version, 0)
                          FROM conversation_head h
                          LEFT JOIN member_state m ON m.conversation_id = h.conversation_id AND m.user_id = ?
                         WHERE h.conversation_id = ?""")
                .params(userId, conversationId)
                .query((rs, n) -> new Row((Boolean) rs.getObject(1), rs.getLong(2), rs.getLong(3)))
                .optional()
                .orElseThrow(() ->
                        new ChorusException.NotFound("conversation-not-found", "No conversation " + conversationId));
        if (!Boolean.TRUE.equals(row.active())) {
            throw new ChorusException.Forbidden(
                    "not-a-member", "User " + userId + " is not a member of conversation " + conversationId);
        }
        return new MemberOutcome(conversationId, userId, row.readSeq(), row.memberVersion());
    }

    private MemberOutcome bumpVersion(UUID conversationId, long userId) {
        return jdbc.sql(
                        """
                        UPDATE member_state SET member_version = member_version + 1
                         WHERE conversation_id = ? AND user_id = ? AND active
                        RETURNING read_seq, member_version""")
                .params(conversationId, userId)
                .query((rs, row) -> new MemberOutcome(conversationId, userId, rs.getLong(1), rs.getLong(2)))
                .optional()
                // The member left between the check and now: the insert above rolls back with this.
                .orElseThrow(() -> new ChorusException.Forbidden(
                        "not-a-member", "User " + userId + " is not a member of conversation " + conversationId));
    }

    private void publish(MemberEvent event) {
        eventBus.publish(new GenericDomainEventMessage<>(
                STREAM_TYPE, streamId(event.conversationId(), event.userId()), event.memberVersion() - 1, event));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
