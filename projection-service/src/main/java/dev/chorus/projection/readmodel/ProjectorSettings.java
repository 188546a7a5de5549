package dev.chorus.projection.readmodel;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a {@link Projector} writes.
 *
 * @param largeGroupThreshold conversations with more active members than this get no user_inbox
 *     rows (query-service computes their entries at read time); changing it needs no migration
 * @param schema the PostgreSQL schema holding the read-model tables, or empty for the connection's
 *     default search_path. A rebuild (replay from the event store) points a second projector at a
 *     fresh schema migrated by the same Flyway scripts.
 * @param fanOutDeferred bulk replay into an empty schema: write no user_inbox rows per batch (and
 *     batch the head updates); the caller materializes every inbox once at the end with {@link
 *     Projector#materializeInboxes()}. user_inbox is a pure function of the other tables (the
 *     computed_inbox_entry view), so the result is the same rows, for a fraction of the statements.
 */
public record ProjectorSettings(int largeGroupThreshold, Optional<String> schema, boolean fanOutDeferred) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public ProjectorSettings {
        if (largeGroupThreshold < 1) {
            throw new IllegalArgumentException("largeGroupThreshold must be >= 1, was " + largeGroupThreshold);
        }
        schema.ifPresent(s -> {
            if (!IDENTIFIER.matcher(s).matches()) {
                throw new IllegalArgumentException("Not a plain lower-case schema name: " + s);
            }
        });
    }

    public ProjectorSettings(int largeGroupThreshold, Optional<String> schema) {
        this(largeGroupThreshold, schema, false);
    }

    public static ProjectorSettings defaultSchema(int largeGroupThreshold) {
        return new ProjectorSettings(largeGroupThreshold, Optional.empty());
    }

    public ProjectorSettings inSchema(String schemaName) {
        return new ProjectorSettings(largeGroupThreshold, Optional.of(schemaName), fanOutDeferred);
    }

    /** For bulk replays only: see {@link #fanOutDeferred()}. */
    public ProjectorSettings withFanOutDeferred() {
        return new ProjectorSettings(largeGroupThreshold, schema, true);
    }
}
