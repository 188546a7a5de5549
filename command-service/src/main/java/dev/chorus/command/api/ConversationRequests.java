package dev.chorus.command.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chorus.events.Attachment;
import dev.chorus.events.ConversationType;
import dev.chorus.events.MessageType;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request bodies of the command API. Business rules are checked by the command handlers. */
final class ConversationRequests {

    private ConversationRequests() {}

    /**
     * @param conversationId optional, chosen by the client so a retried create is idempotent
     * @param memberIds the other members (the caller is always a member, and its ADMIN)
     */
    record CreateConversationRequest(
            UUID conversationId, @NotNull ConversationType type, String title, List<@NotNull Long> memberIds) {}

    record AddMembersRequest(@NotEmpty List<@NotNull @Positive Long> userIds) {}

    record SendMessageRequest(
            @NotNull UUID clientMessageId,
            MessageType type,
            String body,
            JsonNode meta,
            List<@NotNull Attachment> attachments) {}

    record MarkReadRequest(@NotNull Long upToSeq) {}

    /** @param until mute until then; null unmutes */
    record MuteRequest(Instant until) {}
}
