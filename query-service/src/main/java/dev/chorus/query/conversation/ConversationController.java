package dev.chorus.query.conversation;

import dev.chorus.query.support.QueryTimers;
import dev.chorus.web.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Min;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "conversations")
class ConversationController {

    private final ConversationAccess access;
    private final ConversationQuery conversations;
    private final QueryTimers timers;

    ConversationController(ConversationAccess access, ConversationQuery conversations, QueryTimers timers) {
        this.access = access;
        this.conversations = conversations;
        this.timers = timers;
    }

    @GetMapping("/api/conversations/{conversationId}")
    @Operation(
            summary = "A conversation with its active members, roles and read pointers",
            description = "Each member's readSeq is their read receipt. mutedUntil is the caller's. Active"
                    + " members only.")
    ConversationDetail conversation(CurrentUser user, @PathVariable UUID conversationId) {
        access.requireActiveMember(conversationId, user.id());
        return timers.time("conversation", () -> conversations.detail(conversationId, user.id()));
    }

    @GetMapping("/api/conversations/{conversationId}/messages/{seq}/receipts")
    @Operation(
            summary = "Who has read a message and who has not",
            description = "Among the current active members except the sender, by read pointer. Members who"
                    + " joined after the message count as having read it. Active members only; 404 if the"
                    + " conversation has no such seq.")
    Receipts receipts(CurrentUser user, @PathVariable UUID conversationId, @PathVariable @Min(1) long seq) {
        access.requireActiveMember(conversationId, user.id());
        return timers.time("receipts", () -> conversations.receipts(conversationId, seq));
    }
}
