package dev.chorus.query.history;

import dev.chorus.query.conversation.ConversationAccess;
import dev.chorus.query.support.QueryTimers;
import dev.chorus.web.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "history")
class HistoryController {

    private final ConversationAccess access;
    private final HistoryQuery history;
    private final QueryTimers timers;

    HistoryController(ConversationAccess access, HistoryQuery history, QueryTimers timers) {
        this.access = access;
        this.history = history;
        this.timers = timers;
    }

    @GetMapping("/api/conversations/{conversationId}/messages")
    @Operation(
            summary = "A page of a conversation's history",
            description = "Newest first by default; with afterSeq, oldest first (paging forward). Messages the"
                    + " caller hid are left out; messages deleted for everyone are shown with deleted = true and"
                    + " no content. Active members only; they see history from before they joined.")
    HistoryPage messages(
            CurrentUser user,
            @PathVariable UUID conversationId,
            @Parameter(description = "Only messages with a smaller seq") @RequestParam(required = false) @Min(0)
                    Long beforeSeq,
            @Parameter(description = "Only messages with a larger seq; switches to oldest-first order")
                    @RequestParam(required = false)
                    @Min(0)
                    Long afterSeq,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        access.requireActiveMember(conversationId, user.id());
        return timers.time(
                "history", () -> history.page(conversationId, user.id(), beforeSeq, afterSeq, afterSeq != null, limit));
    }
}
