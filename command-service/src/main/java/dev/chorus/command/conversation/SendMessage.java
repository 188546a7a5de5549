package dev.chorus.command.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chorus.events.Attachment;
import dev.chorus.events.MessageType;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Send a message; a {@code clientMessageId} already used in the conversation returns the original. */
public record SendMessage(
        @TargetAggregateIdentifier UUID conversationId,
        long requestedBy,
        UUID clientMessageId,
        MessageType type,
        String body,
        JsonNode meta,
        List<Attachment> attachments)
        implements ConversationCommand {
    public SendMessage {
        type = type == null ? MessageType.TEXT : type;
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
