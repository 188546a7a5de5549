package dev.chorus.query.history;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chorus.events.MessageType;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/**
 * One message of a conversation's history. A message deleted for everyone keeps its place ({@code
 * seq}) and shows {@code deleted = true} with no body, no meta and no attachments.
 */
public record HistoryMessage(
        long seq,
        UUID messageId,
        long senderId,
        MessageType type,
        @Schema(nullable = true) String body,
        @Schema(nullable = true, description = "Free-form JSON the sender attached") JsonNode meta,
        @Schema(description = "Array of {storageKey, mimeType, sizeBytes}; empty when deleted") JsonNode attachments,
        Instant sentAt,
        boolean deleted) {}
