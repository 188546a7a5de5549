package dev.chorus.query.inbox;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A page of the inbox, newest activity first. */
public record InboxPage(
        List<InboxItem> items,
        @Schema(nullable = true, description = "Pass as 'cursor' to get the next page; null on the last page")
                String nextCursor) {}
