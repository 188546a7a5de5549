package dev.chorus.command.api;

import dev.chorus.command.api.ConversationRequests.AddMembersRequest;
import dev.chorus.command.api.ConversationRequests.CreateConversationRequest;
import dev.chorus.command.api.ConversationRequests.MarkReadRequest;
import dev.chorus.command.api.ConversationRequests.MuteRequest;
import dev.chorus.command.api.ConversationRequests.SendMessageRequest;
import dev.chorus.command.api.ConversationResponses.AcceptedResponse;
import dev.chorus.command.api.ConversationResponses.ConversationCreatedResponse;
import dev.chorus.command.api.ConversationResponses.MessageSentResponse;
import dev.chorus.command.api.ConversationResponses.ReadResponse;
import dev.chorus.command.conversation.Accepted;
import dev.chorus.command.conversation.AddMembers;
import dev.chorus.command.conversation.CreateConversation;
import dev.chorus.command.conversation.CreateOutcome;
import dev.chorus.command.conversation.DeleteMessage;
import dev.chorus.command.conversation.RemoveMember;
import dev.chorus.command.conversation.SendMessage;
import dev.chorus.command.conversation.SendOutcome;
import dev.chorus.command.lookup.DirectConversations;
import dev.chorus.command.member.HideMessage;
import dev.chorus.command.member.MarkRead;
import dev.chorus.command.member.MemberOutcome;
import dev.chorus.command.member.MuteConversation;
import dev.chorus.events.ConsistencyToken;
import dev.chorus.events.ConversationType;
import dev.chorus.web.ChorusException;
import dev.chorus.web.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The command API. Every 2xx answer carries a consistency token for reading one's own write. */
@RestController
@RequestMapping("/api/conversations")
@Tag(name = "conversations", description = "Commands: create, membership, messages, read pointers, mute")
public class ConversationController {

    private final CommandDispatcher commands;
    private final DirectConversations directConversations;

    public ConversationController(CommandDispatcher commands, DirectConversations directConversations) {
        this.commands = commands;
        this.directConversations = directConversations;
    }

    @PostMapping
    @Operation(
            summary = "Create a DM or a group",
            description = "201 when created; 200 when this conversationId was already created by the caller, or"
                    + " when the two users already have a DM (its id is returned).")
    public ResponseEntity<ConversationCreatedResponse> create(
            @Valid @RequestBody CreateConversationRequest request, CurrentUser user) {
        CreateConversation command = new CreateConversation(
                request.conversationId() != null ? request.conversationId() : UUID.randomUUID(),
                user.id(),
                request.type(),
                request.title(),
                request.memberIds());
        Optional<Long> dmPeer = dmPeer(command);
        Optional<ResponseEntity<ConversationCreatedResponse>> existing = dmPeer.flatMap(peer -> existingDm(user, peer));
        if (existing.isPresent()) {
            return existing.get();
        }
        CreateOutcome outcome;
        try {
            outcome = commands.send(command);
        } catch (RuntimeException e) {
            // Lost a race against a concurrent create of the same DM: its unique key rejected ours.
            return dmPeer.flatMap(peer -> existingDm(user, peer)).orElseThrow(() -> e);
        }
        return ResponseEntity.status(outcome.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new ConversationCreatedResponse(
                        outcome.conversationId(), token(outcome.conversationId(), outcome.aggregateVersion())));
    }

    @PostMapping("/{conversationId}/members")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Add members to a group (admins only)")
    public AcceptedResponse addMembers(
            @PathVariable UUID conversationId, @Valid @RequestBody AddMembersRequest request, CurrentUser user) {
        Accepted accepted = commands.send(new AddMembers(conversationId, user.id(), request.userIds()));
        return new AcceptedResponse(token(conversationId, accepted.aggregateVersion()));
    }

    @DeleteMapping("/{conversationId}/members/{userId}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Leave (your own user id) or remove a member (admins only)")
    public AcceptedResponse removeMember(
            @PathVariable UUID conversationId, @PathVariable long userId, CurrentUser user) {
        Accepted accepted = commands.send(new RemoveMember(conversationId, user.id(), userId));
        return new AcceptedResponse(token(conversationId, accepted.aggregateVersion()));
    }

    @PostMapping("/{conversationId}/messages")
    @Operation(
            summary = "Send a message",
            description = "201 with the new seq; 200 with the original values when clientMessageId was already"
                    + " used in this conversation (nothing is appended).")
    public ResponseEntity<MessageSentResponse> send(
            @PathVariable UUID conversationId, @Valid @RequestBody SendMessageRequest request, CurrentUser user) {
        SendOutcome outcome = commands.send(new SendMessage(
                conversationId,
                user.id(),
                request.clientMessageId(),
                request.type(),
                request.body(),
                request.meta(),
                request.attachments()));
        return ResponseEntity.status(outcome.duplicate() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(new MessageSentResponse(
                        conversationId,
                        outcome.seq(),
                        outcome.messageId(),
                        outcome.sentAt(),
                        token(conversationId, outcome.aggregateVersion())));
    }

    @PostMapping("/{conversationId}/read")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Mark read up to a seq",
            description = "Never moves the pointer back; a seq past the end is clamped to the last seq.")
    public ReadResponse markRead(
            @PathVariable UUID conversationId, @Valid @RequestBody MarkReadRequest request, CurrentUser user) {
        MemberOutcome outcome = commands.send(new MarkRead(conversationId, user.id(), request.upToSeq()));
        return new ReadResponse(outcome.readSeq(), token(outcome));
    }

    @DeleteMapping("/{conversationId}/messages/{seq}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Delete a message",
            description = "scope=everyone: for all members (its sender or an admin); scope=me: hide it for yourself.")
    public AcceptedResponse deleteMessage(
            @PathVariable UUID conversationId, @PathVariable long seq, @RequestParam String scope, CurrentUser user) {
        switch (scope) {
            case "everyone":
                Accepted accepted = commands.send(new DeleteMessage(conversationId, user.id(), seq));
                return new AcceptedResponse(token(conversationId, accepted.aggregateVersion()));
            case "me":
                MemberOutcome hidden = commands.send(new HideMessage(conversationId, user.id(), seq));
                return new AcceptedResponse(token(hidden));
            default:
                throw new ChorusException.InvalidRequest(
                        "invalid-scope", "scope must be 'everyone' or 'me', got '" + scope + "'");
        }
    }

    @PutMapping("/{conversationId}/mute")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Mute until an instant, or unmute with until = null")
    public AcceptedResponse mute(
            @PathVariable UUID conversationId, @Valid @RequestBody MuteRequest request, CurrentUser user) {
        MemberOutcome outcome = commands.send(new MuteConversation(conversationId, user.id(), request.until()));
        return new AcceptedResponse(token(outcome));
    }

    /** The other user of a DM request, if it names exactly one. */
    private static Optional<Long> dmPeer(CreateConversation command) {
        if (command.type() != ConversationType.DM) {
            return Optional.empty();
        }
        Set<Long> others = new LinkedHashSet<>(command.memberIds());
        others.remove(command.requestedBy());
        return others.size() == 1
                        && others.iterator().next() != null
                        && others.iterator().next() > 0
                ? Optional.of(others.iterator().next())
                : Optional.empty();
    }

    private Optional<ResponseEntity<ConversationCreatedResponse>> existingDm(CurrentUser user, long peer) {
        return directConversations
                .find(user.id(), peer)
                .map(dm -> ResponseEntity.ok(new ConversationCreatedResponse(
                        dm.conversationId(), token(dm.conversationId(), dm.aggregateVersion()))));
    }

    private static String token(UUID conversationId, long aggregateVersion) {
        return new ConsistencyToken.ConversationAt(conversationId, aggregateVersion).encode();
    }

    private static String token(MemberOutcome outcome) {
        return new ConsistencyToken.MemberAt(outcome.conversationId(), outcome.userId(), outcome.memberVersion())
                .encode();
    }
}
