package dev.chorus.command.conversation;

import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin adds users to a group; users who already are members are ignored. */
public record AddMembers(@TargetAggregateIdentifier UUID conversationId, long requestedBy, List<Long> userIds)
        implements ConversationCommand {
    public AddMembers {
        userIds = userIds == null ? List.of() : List.copyOf(userIds);
    }
}
