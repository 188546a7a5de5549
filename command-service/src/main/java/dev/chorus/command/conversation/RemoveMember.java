package dev.chorus.command.conversation;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Leave ({@code userId == requestedBy}) or, as an admin, remove someone else. */
public record RemoveMember(@TargetAggregateIdentifier UUID conversationId, long requestedBy, long userId)
        implements ConversationCommand {}
