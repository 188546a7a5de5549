package dev.chorus.query.history;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A page of history: newest first, or oldest first when paging forward with afterSeq. */
public record HistoryPage(
        List<HistoryMessage> items,
        @Schema(
                        nullable = true,
                        description = "The seq to pass as beforeSeq (newest-first paging) or afterSeq (paging"
                                + " forward) for the next page; null when there are no more messages that way")
                Long nextCursor) {}
