package dev.chorus.query.search;

import dev.chorus.query.conversation.ConversationAccess;
import dev.chorus.query.support.QueryTimers;
import dev.chorus.web.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Optional;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "search")
class SearchController {

    private final ConversationAccess access;
    private final SearchQuery search;
    private final QueryTimers timers;

    SearchController(ConversationAccess access, SearchQuery search, QueryTimers timers) {
        this.access = access;
        this.search = search;
        this.timers = timers;
    }

    @GetMapping("/api/search")
    @Operation(
            summary = "Full-text search over the message bodies the caller can see, newest first",
            description = "Searches the caller's active conversations (or one of them); deleted messages and"
                    + " messages the caller hid are never found. Words match exactly (no stemming);"
                    + " \"quoted phrases\", 'or' and '-word' work as in web search engines.")
    SearchPage search(
            CurrentUser user,
            @Parameter(description = "The words to look for") @RequestParam @NotBlank @Size(max = 200) String q,
            @Parameter(description = "Search only this conversation (you must be an active member)")
                    @RequestParam(required = false)
                    UUID conversationId,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
            @Parameter(description = "nextCursor of the previous page; omit for the first page")
                    @RequestParam(required = false)
                    String cursor) {
        if (conversationId != null) {
            access.requireActiveMember(conversationId, user.id());
        }
        Optional<SearchCursor> after =
                cursor == null || cursor.isEmpty() ? Optional.empty() : Optional.of(SearchCursor.decode(cursor));
        return timers.time(
                "search", () -> search.search(user.id(), q, Optional.ofNullable(conversationId), after, limit));
    }
}
