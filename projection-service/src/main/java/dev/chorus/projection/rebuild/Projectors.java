package dev.chorus.projection.rebuild;

import dev.chorus.projection.readmodel.ProjectionMetrics;
import dev.chorus.projection.readmodel.Projector;
import dev.chorus.projection.readmodel.ProjectorSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Projectors that write into a schema other than the live one, on the rebuild pool. They use the
 * live projection's own code and threshold; their meters stay out of the live projection's.
 */
final class Projectors {

    private final RebuildDatabase db;
    private final int largeGroupThreshold;

    Projectors(RebuildDatabase db, int largeGroupThreshold) {
        this.db = db;
        this.largeGroupThreshold = largeGroupThreshold;
    }

    /** For an empty schema: no per-batch fan-out, see {@link ProjectorSettings#fanOutDeferred()}. */
    Projector bulk(String schema) {
        return create(ProjectorSettings.defaultSchema(largeGroupThreshold)
                .inSchema(schema)
                .withFanOutDeferred());
    }

    /** Exactly like the live projection (catch-up after the bulk load, repairs). */
    Projector incremental(String schema) {
        return create(ProjectorSettings.defaultSchema(largeGroupThreshold).inSchema(schema));
    }

    private Projector create(ProjectorSettings settings) {
        return new Projector(db.jdbc(), db.transactions(), new ProjectionMetrics(new SimpleMeterRegistry()), settings);
    }
}
