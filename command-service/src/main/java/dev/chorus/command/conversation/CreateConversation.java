package dev.chorus.command.conversation;

import dev.chorus.events.ConversationType;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Create a DM or a group; {@code requestedBy} becomes an ADMIN member. Idempotent per id and creator. */
public record CreateConversation(
        @TargetAggregateIdentifier UUID conversationId,
        long requestedBy,
        ConversationType type,
        String title,
        List<Long> memberIds)
        implements ConversationCommand {
    public CreateConversation {
        memberIds = memberIds == null ? List.of() : List.copyOf(memberIds);
    }
}
