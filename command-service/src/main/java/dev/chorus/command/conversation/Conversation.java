package dev.chorus.command.conversation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.chorus.events.ConversationCreated;
import dev.chorus.events.ConversationType;
import dev.chorus.events.Member;
import dev.chorus.events.MemberRemoved;
import dev.chorus.events.MemberRole;
import dev.chorus.events.MembersAdded;
import dev.chorus.events.MessageDeleted;
import dev.chorus.events.MessageSent;
import dev.chorus.events.MessageType;
import dev.chorus.web.ChorusException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A conversation: its type, members and roles, and the last seq it handed out. It assigns every
 * message, join and leave the next seq, so its event stream is the conversation's history in order.
 * Command handlers only check rules and apply events; state changes only in the event sourcing
 * handlers. Messages themselves are not kept here ({@link MessageDirectory} knows them), so the
 * state stays small however long the history gets. Per-member state (read pointers, hides, mutes)
 * is not here either: it must not queue behind sends (see {@code member.MemberCommandHandler}).
 *
 * <p>Snapshots are JSON of the fields ({@link JsonAutoDetect}).
 */
@Aggregate(cache = "conversationCache", snapshotTriggerDefinition = "conversationSnapshotTrigger")
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE,
        setterVisibility = JsonAutoDetect.Visibility.NONE)
public class Conversation {

    @AggregateIdentifier
    private UUID conversationId;

    private ConversationType type;
    private long createdBy;
    private Map<Long, MemberRole> members = new HashMap<>();
    private long lastSeq;

    /** For Axon (sourcing) and Jackson (snapshots). */
    protected Conversation() {}

    // ---- commands -------------------------------------------------------------------------------

    /**
     * Creates the conversation, or, if this id already exists and was created by the same user,
     * answers as if it just had (a retried request), appending nothing.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public CreateOutcome handle(CreateConversation command, CommandLimits limits, Clock clock) {
        if (conversationId != null) {
            if (createdBy != command.requestedBy() || type != command.type()) {
                throw new ChorusException.Conflict(
                        "conversation-id-taken",
                        "Conversation " + conversationId + " already exists; choose another conversationId");
            }
            return new CreateOutcome(conversationId, version(), false);
        }
        if (command.type() == null) {
            throw new ChorusException.InvalidRequest("type-missing", "type is required: DM or GROUP");
        }
        List<Member> initial = initialMembers(command, limits);
        apply(new ConversationCreated(
                command.conversationId(),
                command.type(),
                title(command, limits),
                command.requestedBy(),
                initial,
                now(clock)));
        return new CreateOutcome(command.conversationId(), version(), true);
    }

    @CommandHandler
    public Accepted handle(AddMembers command, CommandLimits limits, Clock clock) {
        requireMember(command.requestedBy());
        if (type == ConversationType.DM) {
            throw new ChorusException.Conflict(
                    "dm-closed", "A DM has exactly two members; create a group to talk with more people");
        }
        requireAdmin(command.requestedBy(), "add members");
        Set<Long> newcomers = new LinkedHashSet<>();
        for (Long userId : command.userIds()) {
            requireUserId(userId, "userIds");
            if (!members.containsKey(userId)) {
                newcomers.add(userId);
            }
        }
        if (command.userIds().isEmpty()) {
            throw new ChorusException.InvalidRequest("user-ids-missing", "userIds must name at least one user");
        }
        if (newcomers.isEmpty()) {
            return new Accepted(version());
        }
        if (members.size() + newcomers.size() > limits.maxGroupMembers()) {
            throw new ChorusException.Conflict(
                    "group-full",
                    "The group has " + members.size() + " members; adding " + newcomers.size()
                            + " would exceed the limit of " + limits.maxGroupMembers());
        }
        apply(new MembersAdded(
                conversationId, lastSeq + 1, command.requestedBy(), new ArrayList<>(newcomers), now(clock)));
        return new Accepted(version());
    }

    @CommandHandler
    public Accepted handle(RemoveMember command, Clock clock) {
        requireMember(command.requestedBy());
        if (!members.containsKey(command.userId())) {
            return new Accepted(version()); // already gone: removing is idempotent
        }
        if (type == ConversationType.DM) {
            throw new ChorusException.Conflict(
                    "dm-closed", "Nobody leaves or is removed from a DM; mute it or hide its messages instead");
        }
        if (command.userId() != command.requestedBy()) {
            requireAdmin(command.requestedBy(), "remove other members");
        }
        apply(new MemberRemoved(conversationId, lastSeq + 1, command.requestedBy(), command.userId(), now(clock)));
        return new Accepted(version());
    }

    @CommandHandler
    public SendOutcome handle(SendMessage command, MessageDirectory directory, CommandLimits limits, Clock clock) {
        requireMember(command.requestedBy());
        if (command.clientMessageId() != null) {
            Optional<MessageEntry> original =
                    directory.findByClientMessageId(conversationId, command.clientMessageId());
            if (original.isPresent()) {
                return repeat(command, original.get());
            }
        }
        MessageRules.validate(command, limits);
        long seq = lastSeq + 1;
        Instant sentAt = now(clock);
        UUID messageId = MessageIds.of(conversationId, seq);
        apply(new MessageSent(
                conversationId,
                seq,
                messageId,
                command.clientMessageId(),
                command.requestedBy(),
                command.type(),
                command.body(),
                command.meta() == null || command.meta().isNull() ? null : command.meta(),
                command.attachments(),
                sentAt));
        return new SendOutcome(conversationId, seq, messageId, sentAt, version(), false);
    }

    @CommandHandler
    public Accepted handle(DeleteMessage command, MessageDirectory directory, Clock clock) {
        requireMember(command.requestedBy());
        long seq = command.seq();
        MessageEntry message =
                seq >= 1 && seq <= lastSeq ? directory.find(conversationId, seq).orElse(null) : null;
        if (message == null) {
            throw new ChorusException.NotFound(
                    "message-not-found",
                    "Conversation " + conversationId + " has no message at seq " + seq + " (last seq is " + lastSeq
                            + ")");
        }
        if (message.type() == MessageType.SYSTEM) {
            throw new ChorusException.Conflict(
                    "system-message", "seq " + seq + " records a join or leave; it cannot be deleted");
        }
        if (message.deleted()) {
            return new Accepted(version()); // deleting twice changes nothing
        }
        if (message.senderId() != command.requestedBy() && members.get(command.requestedBy()) != MemberRole.ADMIN) {
            throw new ChorusException.Forbidden(
                    "not-sender-or-admin",
                    "Only the sender of seq " + seq + " or an admin may delete it for everyone; use scope=me to"
                            + " hide it for yourself");
        }
        apply(new MessageDeleted(conversationId, seq, command.requestedBy(), now(clock)));
        return new Accepted(version());
    }

    // ---- state ----------------------------------------------------------------------------------

    @EventSourcingHandler
    void on(ConversationCreated event) {
        conversationId = event.conversationId();
        type = event.type();
        createdBy = event.createdBy();
        members = new HashMap<>();
        event.members().forEach(m -> members.put(m.userId(), m.role()));
        lastSeq = 0;
    }

    @EventSourcingHandler
    void on(MembersAdded event) {
        event.userIds().forEach(userId -> members.put(userId, MemberRole.MEMBER));
        lastSeq = event.seq();
    }

    @EventSourcingHandler
    void on(MemberRemoved event) {
        members.remove(event.userId());
        lastSeq = event.seq();
    }

    @EventSourcingHandler
    void on(MessageSent event) {
        lastSeq = event.seq();
    }

    // MessageDeleted changes nothing here: the message directory records it.

    // ---- rules ----------------------------------------------------------------------------------

    private List<Member> initialMembers(CreateConversation command, CommandLimits limits) {
        Set<Long> userIds = new LinkedHashSet<>();
        userIds.add(command.requestedBy());
        for (Long userId : command.memberIds()) {
            requireUserId(userId, "memberIds");
            userIds.add(userId);
        }
        if (command.type() == ConversationType.DM && userIds.size() != 2) {
            throw new ChorusException.InvalidRequest(
                    "dm-needs-two",
                    "A DM has exactly two members: you and one other user in memberIds (got " + (userIds.size() - 1)
                            + " other users)");
        }
        if (userIds.size() > limits.maxGroupMembers()) {
            throw new ChorusException.PayloadTooLarge(
                    "too-many-members", userIds.size() + " members; a group holds at most " + limits.maxGroupMembers());
        }
        List<Member> initial = new ArrayList<>(userIds.size());
        for (Long userId : userIds) {
            initial.add(new Member(userId, userId == command.requestedBy() ? MemberRole.ADMIN : MemberRole.MEMBER));
        }
        return initial;
    }

    private static String title(CreateConversation command, CommandLimits limits) {
        String title = command.title() == null || command.title().isBlank()
                ? null
                : command.title().strip();
        if (title != null && command.type() == ConversationType.DM) {
            throw new ChorusException.InvalidRequest("dm-title", "A DM has no title; leave title out");
        }
        if (title != null && title.length() > limits.maxTitleLength()) {
            throw new ChorusException.InvalidRequest(
                    "title-too-long",
                    "title has " + title.length() + " characters; the limit is " + limits.maxTitleLength());
        }
        return title;
    }

    private SendOutcome repeat(SendMessage command, MessageEntry original) {
        if (original.senderId() != command.requestedBy()) {
            throw new ChorusException.Conflict(
                    "client-message-id-taken",
                    "clientMessageId " + command.clientMessageId() + " is already used by another sender in this"
                            + " conversation");
        }
        return new SendOutcome(
                conversationId, original.seq(), original.messageId(), original.sentAt(), version(), true);
    }

    private void requireMember(long userId) {
        if (!members.containsKey(userId)) {
            throw new ChorusException.Forbidden(
                    "not-a-member", "User " + userId + " is not a member of conversation " + conversationId);
        }
    }

    private void requireAdmin(long userId, String action) {
        if (members.get(userId) != MemberRole.ADMIN) {
            throw new ChorusException.Forbidden("admin-only", "Only an admin may " + action);
        }
    }

    private static void requireUserId(Long userId, String field) {
        if (userId == null || userId <= 0) {
            throw new ChorusException.InvalidRequest(
                    "invalid-user-id", field + " must hold positive user ids, got " + userId);
        }
    }

    private static long version() {
        Long version = AggregateLifecycle.getVersion();
        return version == null ? -1 : version;
    }

    /** Microsecond precision: what PostgreSQL keeps, so a repeated send returns the same instant. */
    private static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
