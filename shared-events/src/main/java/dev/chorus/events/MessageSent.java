package dev.chorus.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A message at the next per-conversation {@code seq}. Sending also moves the sender's read pointer
 * to {@code seq}. Version 2 renamed v1's {@code text} to {@code body} and added attachments.
 */
@EventType(name = "MessageSent", version = 2)
public record MessageSent(
        UUID conversationId,
        long seq,
        UUID messageId,
        UUID clientMessageId,
        long senderId,
        MessageType messageType,
        String body,
        JsonNode meta,
        List<Attachment> attachments,
        Instant sentAt)
        implements ChatEvent {
    public MessageSent {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
