package dev.chorus.projection.rebuild.verify;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One row on which the live read model and the recomputation from the events disagree.
 *
 * @param table the read-model table
 * @param kind MISSING (only the recomputation has the row), EXTRA (only the live read model has
 *     it) or CHANGED (both have the key, some columns differ)
 * @param key the primary key columns and values
 * @param live the live row (null when MISSING)
 * @param rebuilt the recomputed row (null when EXTRA)
 * @param changedColumns the columns whose values differ (CHANGED only)
 */
public record Difference(
        String table,
        Kind kind,
        Map<String, Object> key,
        Map<String, Object> live,
        Map<String, Object> rebuilt,
        List<String> changedColumns) {

    public enum Kind {
        MISSING,
        EXTRA,
        CHANGED
    }

    /** One line for a terminal: {@code user_inbox {conversation_id=..., user_id=5} CHANGED unread_count: live=7 rebuilt=3}. */
    public String describe() {
        String head = table + " " + key + " " + kind;
        switch (kind) {
            case MISSING:
                return head + " (missing from the live read model): " + rebuilt;
            case EXTRA:
                return head + " (only in the live read model): " + live;
            default:
                return head + " "
                        + changedColumns.stream()
                                .map(c -> c + ": live=" + live.get(c) + " rebuilt=" + rebuilt.get(c))
                                .collect(Collectors.joining(", "));
        }
    }
}
