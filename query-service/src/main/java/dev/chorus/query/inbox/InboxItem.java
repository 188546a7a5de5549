package dev.chorus.query.inbox;

import dev.chorus.events.ConversationType;
import dev.chorus.events.MessageType;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/** One conversation in a user's inbox. */
public record InboxItem(
        UUID conversationId,
        ConversationType type,
        String title,
        @Schema(nullable = true, description = "The last message still visible to everyone; null if there is none")
                LastMessage lastMessage,
        @Schema(
                        description = "Countable messages after the read pointer, not sent by the caller, not deleted,"
                                + " not hidden by the caller")
                int unreadCount,
        long lastReadSeq,
        @Schema(nullable = true) Instant mutedUntil) {

    /** The inbox preview of a conversation's last visible message. */
    public record LastMessage(long seq, long senderId, MessageType type, String preview, Instant sentAt) {}
}
