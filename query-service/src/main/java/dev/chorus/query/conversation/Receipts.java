package dev.chorus.query.conversation;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Who has read one message, by read pointers: among the conversation's current active members except
 * the sender, {@code readBy} are those whose pointer is at or past {@code seq}. Members who joined
 * after the message count as having read it (their pointer starts at their join); members who left
 * are in neither list.
 */
public record Receipts(
        long seq,
        @Schema(description = "User ids, ascending") List<Long> readBy,
        @Schema(description = "User ids, ascending") List<Long> notReadBy) {}
