package dev.chorus.systemtests.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * One item of {@code GET /api/inbox}, reduced to what the semantics pin: membership (the item exists),
 * unread count, read pointer, the seq of the last message visible to everyone (null if none) and the
 * mute. {@code lastMessageSentAt} is kept for order checks only and is not part of equality.
 */
public record InboxEntry(
        UUID conversationId,
        String type,
        String title,
        Long lastMessageSeq,
        int unreadCount,
        long lastReadSeq,
        Instant mutedUntil) {

    static InboxEntry of(JsonNode item) {
        JsonNode last = item.get("lastMessage");
        boolean hasLast = last != null && !last.isNull();
        return new InboxEntry(
                UUID.fromString(item.get("conversationId").asText()),
                item.get("type").asText(),
                textOrNull(item.get("title")),
                hasLast ? last.get("seq").asLong() : null,
                item.get("unreadCount").asInt(),
                item.get("lastReadSeq").asLong(),
                instantOrNull(item.get("mutedUntil")));
    }

    static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    static Instant instantOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : Instant.parse(node.asText());
    }
}
