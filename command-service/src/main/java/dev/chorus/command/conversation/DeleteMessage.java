package dev.chorus.command.conversation;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Delete the message at {@code seq} for everyone: its sender or an admin may. */
public record DeleteMessage(@TargetAggregateIdentifier UUID conversationId, long requestedBy, long seq)
        implements ConversationCommand {}
