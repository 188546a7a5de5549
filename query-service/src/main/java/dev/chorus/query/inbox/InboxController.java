package dev.chorus.query.inbox;

import dev.chorus.query.support.QueryTimers;
import dev.chorus.web.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "inbox")
class InboxController {

    private final InboxQuery inbox;
    private final QueryTimers timers;

    InboxController(InboxQuery inbox, QueryTimers timers) {
        this.inbox = inbox;
        this.timers = timers;
    }

    @GetMapping("/api/inbox")
    @Operation(
            summary = "The caller's conversations, newest activity first",
            description = "Seek-paginated: pass the previous page's nextCursor as cursor. A conversation whose"
                    + " activity changes while you page may move to an earlier page (and so be skipped)"
                    + " or appear twice; reload the first page to resynchronise.")
    InboxPage inbox(
            CurrentUser user,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
            @Parameter(description = "nextCursor of the previous page; omit for the first page")
                    @RequestParam(required = false)
                    String cursor) {
        Optional<InboxCursor> after =
                cursor == null || cursor.isEmpty() ? Optional.empty() : Optional.of(InboxCursor.decode(cursor));
        return timers.time("inbox", () -> inbox.page(user.id(), after, limit));
    }
}
