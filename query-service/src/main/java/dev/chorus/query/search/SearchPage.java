package dev.chorus.query.search;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** Search results, newest first. */
public record SearchPage(
        List<SearchHit> items,
        @Schema(nullable = true, description = "Pass as 'cursor' for more results; null when there are none")
                String nextCursor) {}
