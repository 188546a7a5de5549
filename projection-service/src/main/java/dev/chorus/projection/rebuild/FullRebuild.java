package dev.chorus.projection.rebuild;

import dev.chorus.projection.readmodel.Projector;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rebuilds every projection from the event store into a fresh schema while the live projection
 * keeps serving, then swaps the schemas in one transaction:
 *
 * <ol>
 *   <li>PREPARING: {@code rebuild_<time>} created by the read model's Flyway scripts; the indexes
 *       only readers need are dropped for the load.
 *   <li>REPLAYING: all events up to the store's current end, in position order, in large pages,
 *       through the live projection's own {@link Projector} with the fan-out deferred.
 *   <li>MATERIALIZING_INBOXES, INDEXING: every user_inbox row from the formula in one statement;
 *       the dropped indexes built once; ANALYZE.
 *   <li>CATCHING_UP: events stored meanwhile, with the ordinary (incremental) projector, until
 *       little is left.
 *   <li>SWITCHING, in one transaction: lock the live tables against writers (readers go on
 *       reading), replay the rest, check the rebuilt schema covers everything the live projection
 *       applied, copy grants, {@code ALTER SCHEMA live RENAME TO retired_<time>} and {@code ALTER
 *       SCHEMA rebuild_<time> RENAME TO live}. Readers and the live projection resolve table names
 *       through their search_path, so their next statement uses the new tables; a projector batch
 *       that waited for the lock re-resolves the names after it (PostgreSQL re-plans statements
 *       whose schemas changed) and continues in the new tables, where anything it brings again is
 *       a duplicate (skipped by aggregate version) or commutes (member events).
 * </ol>
 */
final class FullRebuild {

    private static final Logger log = LoggerFactory.getLogger(FullRebuild.class);
    static final DateTimeFormatter SUFFIX =
            DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

    private final EventStore store;
    private final RebuildDatabase db;
    private final Schemas schemas;
    private final Projectors projectors;
    private final RebuildProperties properties;
    private final Clock clock;

    FullRebuild(
            EventStore store,
            RebuildDatabase db,
            Schemas schemas,
            Projectors projectors,
            RebuildProperties properties,
            Clock clock) {
        this.store = store;
        this.db = db;
        this.schemas = schemas;
        this.projectors = projectors;
        this.properties = properties;
        this.clock = clock;
    }

    void run(RebuildProgress progress) {
        String live = Schemas.checked(properties.liveSchema());
        String fresh = unusedName("rebuild_");
        progress.schema(fresh);
        boolean switched = false;
        try {
            EventReplay replay = build(fresh, progress, true);
            progress.phase(Phase.SWITCHING);
            String retired = unusedName("retired_");
            switchOver(live, fresh, retired, replay, progress);
            switched = true;
            progress.retiredSchema(retired);
            log.info(
                    "Rebuild switched reads to the rebuilt read model (position {}); the former one is schema {}",
                    replay.position(),
                    retired);
            progress.done("Schema " + fresh + " is now " + live + "; the former read model is kept as schema " + retired
                    + " until you drop it (DROP SCHEMA " + retired + " CASCADE)");
        } finally {
            if (!switched) {
                dropQuietly(fresh);
            }
        }
    }

    /**
     * Everything up to the switch (also used by verification): a fresh schema holding every event
     * up to about now; indexed and analyzed if it is {@code forServing} (a verification's scratch
     * schema only gets compared).
     */
    EventReplay build(String schema, RebuildProgress progress, boolean forServing) {
        progress.phase(Phase.PREPARING);
        schemas.startingWith("rebuild_").forEach(this::dropStale);
        schemas.startingWith("verify_").forEach(this::dropStale);
        schemas.createAndMigrate(schema);
        List<String> deferredIndexes = schemas.dropIndexes(schema, properties.deferredIndexes());

        long target = store.maxPosition();
        long liveApplied = liveAppliedPosition(Schemas.checked(properties.liveSchema()));
        if (target == 0 && liveApplied > 0) {
            throw new IllegalStateException("The event store is empty but the live read model is not: refusing to"
                    + " replace it (is chorus.rebuild.event-store.url this system's event store?)");
        }
        progress.addToTotal(store.count(0, target));
        progress.phase(Phase.REPLAYING);
        EventReplay replay = new EventReplay(store, properties.pageSize(), properties.gapTimeout(), clock, progress);
        replay.replayTo(projectors.bulk(schema), target);

        progress.phase(Phase.MATERIALIZING_INBOXES);
        long inboxRows = projectors.bulk(schema).materializeInboxes();
        progress.detail("inbox rows materialized", inboxRows);
        log.info("Rebuild {}: {} events replayed, {} inbox rows", schema, progress.eventsReplayed(), inboxRows);
        if (forServing) {
            progress.phase(Phase.INDEXING);
            schemas.createIndexes(deferredIndexes, properties.maintenanceWorkMem())
                    .forEach((index, seconds) -> progress.detail("seconds to build " + index, seconds));
            long analyzing = System.nanoTime();
            schemas.analyze(schema);
            progress.detail("seconds to analyze", Math.round((System.nanoTime() - analyzing) / 1e7) / 100.0);
        }

        progress.phase(Phase.CATCHING_UP);
        Projector incremental = projectors.incremental(schema);
        for (int pass = 0; pass < properties.maxCatchUpPasses(); pass++) {
            long end = store.maxPosition();
            replay.fillGaps(incremental);
            if (end - replay.position() <= properties.switchBacklog()) {
                break;
            }
            progress.addToTotal(store.count(replay.position(), end));
            replay.replayTo(incremental, end);
        }
        return replay;
    }

    private void switchOver(String live, String fresh, String retired, EventReplay replay, RebuildProgress progress) {
        JdbcTemplate jdbc = db.plain();
        Projector incremental = projectors.incremental(fresh);
        db.transactions().executeWithoutResult(tx -> {
            jdbc.execute("SET LOCAL synchronous_commit = on");
            // Waiting longer than this for a writer to finish means something holds the tables: give up, say so.
            jdbc.execute("SET LOCAL lock_timeout = '"
                    + properties.switchLockTimeout().toMillis() + "ms'");
            // Readers (ACCESS SHARE) are not blocked by EXCLUSIVE; every projector batch is, from its first statement.
            jdbc.execute("LOCK TABLE "
                    + String.join(
                            ", ",
                            schemas.tables(live).stream()
                                    .map(t -> live + "." + Schemas.checked(t))
                                    .toList())
                    + " IN EXCLUSIVE MODE");
            long end = store.maxPosition();
            progress.addToTotal(store.count(replay.position(), end));
            replay.replayTo(incremental, end);
            replay.fillGaps(incremental);
            long liveApplied = liveAppliedPosition(live);
            progress.positions(replay.position(), liveApplied);
            if (liveApplied > replay.position()) {
                throw new IllegalStateException("The live read model has applied event-store position " + liveApplied
                        + " but the event store ends at " + replay.position()
                        + ": is chorus.rebuild.event-store.url this system's event store? Nothing was switched.");
            }
            schemas.copyGrants(live, fresh);
            schemas.swap(live, fresh, retired);
        });
    }

    long liveAppliedPosition(String live) {
        Long position = db.plain()
                .queryForObject("SELECT coalesce(max(applied_position), 0) FROM " + live + ".conversation", Long.class);
        return position == null ? 0 : position;
    }

    private String unusedName(String prefix) {
        String base = prefix + SUFFIX.format(clock.instant());
        String name = base;
        for (int i = 2; schemas.exists(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }

    private void dropStale(String schema) {
        log.info("Dropping schema {} left by an unfinished rebuild or verification", schema);
        schemas.drop(schema);
    }

    private void dropQuietly(String schema) {
        try {
            schemas.drop(schema);
        } catch (RuntimeException e) {
            log.warn("Could not drop schema {} after a failed rebuild: {}", schema, e.toString());
        }
    }
}
