package dev.chorus.query.conversation;

import dev.chorus.events.ConversationType;
import dev.chorus.events.MemberRole;
import dev.chorus.events.MessageType;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A conversation as its members see it: head, active members with their read pointers. */
public record ConversationDetail(
        UUID conversationId,
        ConversationType type,
        @Schema(nullable = true) String title,
        long createdBy,
        Instant createdAt,
        int memberCount,
        @Schema(description = "The highest seq in the conversation (SYSTEM messages included)") long lastSeq,
        Instant lastActivityAt,
        @Schema(nullable = true) LastMessage lastMessage,
        @Schema(nullable = true, description = "The caller's mute; null when not muted") Instant mutedUntil,
        @Schema(description = "Active members, by user id") List<MemberState> members) {

    /**
     * @param readSeq the member's read pointer: every message with seq <= readSeq counts as read by
     *     them (the read receipt)
     * @param joinedSeq the seq of the SYSTEM message of their (latest) join
     */
    public record MemberState(long userId, MemberRole role, long readSeq, long joinedSeq) {}

    public record LastMessage(long seq, long senderId, MessageType type, String preview, Instant sentAt) {}
}
