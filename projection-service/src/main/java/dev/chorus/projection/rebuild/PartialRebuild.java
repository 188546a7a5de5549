package dev.chorus.projection.rebuild;

import dev.chorus.events.EventEnvelope;
import dev.chorus.projection.readmodel.Projector;
import dev.chorus.projection.rebuild.verify.ReadModelDiff;
import dev.chorus.projection.rebuild.verify.ReadModelDiff.Scope;
import dev.chorus.projection.rebuild.verify.ReadModelDiff.TableShape;
import dev.chorus.web.ChorusException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Repairs part of the live read model in place, in one transaction: the events of the affected
 * conversations are replayed into a scratch schema with the live projection's own code, and the
 * rows in scope (one conversation's, or one user's) are replaced by the recomputed ones.
 *
 * <p>The live projection cannot interleave: the transaction first locks the affected conversation
 * heads, which every projector batch locks before it writes, and reads the events only then, so it
 * sees every event the live projection has applied. Batches waiting for the locks continue after
 * the commit on the repaired rows (their events are duplicates there or commute).
 */
final class PartialRebuild {

    static final String SCRATCH = "repair_scratch";

    private final EventStore store;
    private final RebuildDatabase db;
    private final Schemas schemas;
    private final Projectors projectors;
    private final RebuildProperties properties;

    PartialRebuild(
            EventStore store,
            RebuildDatabase db,
            Schemas schemas,
            Projectors projectors,
            RebuildProperties properties) {
        this.store = store;
        this.db = db;
        this.schemas = schemas;
        this.projectors = projectors;
        this.properties = properties;
    }

    PartialRebuildResult conversation(UUID conversationId, RebuildProgress progress) {
        String live = Schemas.checked(properties.liveSchema());
        schemas.ensureMigrated(SCRATCH);
        progress.schema(SCRATCH);
        progress.phase(Phase.REPAIRING);
        PartialRebuildResult result = db.transactions().execute(tx -> {
            JdbcTemplate jdbc = begin(live);
            Set<UUID> locked = lockHeads(live, Set.of(conversationId));
            if (locked.isEmpty()) {
                // No head to lock: keep any batch from creating it under our feet.
                jdbc.execute("LOCK TABLE " + live + ".conversation IN EXCLUSIVE MODE");
            }
            List<EventEnvelope> events = store.conversation(conversationId, null);
            if (events.isEmpty() && locked.isEmpty()) {
                throw new ChorusException.NotFound(
                        "conversation-not-found",
                        "Neither the event store nor the read model knows conversation " + conversationId);
            }
            replay(events, progress);
            Scope scope = Scope.of("conversation_id", conversationId);
            var repaired = diff().compare(live, SCRATCH, scope).differences();
            long rows = replaceRows(live, scope);
            truncateScratch();
            return new PartialRebuildResult(
                    Operation.REBUILD_CONVERSATION,
                    conversationId.toString(),
                    events.isEmpty() ? 0 : 1,
                    events.size(),
                    rows,
                    repaired);
        });
        progress.done(result.repaired().size() + " rows repaired");
        return result;
    }

    PartialRebuildResult user(long userId, RebuildProgress progress) {
        if (userId <= 0) {
            throw new ChorusException.InvalidRequest(
                    "invalid-user-id", "A user id is a positive number, got " + userId);
        }
        String live = Schemas.checked(properties.liveSchema());
        schemas.ensureMigrated(SCRATCH);
        progress.schema(SCRATCH);
        progress.phase(Phase.REPAIRING);
        PartialRebuildResult result = db.transactions().execute(tx -> {
            JdbcTemplate jdbc = begin(live);
            Set<UUID> fromEvents = store.conversationsOf(userId);
            Set<UUID> conversations = new LinkedHashSet<>(fromEvents);
            for (String table : List.of("conversation_member", "hidden_message", "user_inbox")) {
                conversations.addAll(jdbc.queryForList(
                        "SELECT DISTINCT conversation_id FROM " + live + "." + table + " WHERE user_id = ?",
                        UUID.class,
                        userId));
            }
            lockHeads(live, conversations);
            List<EventEnvelope> events = new ArrayList<>();
            for (UUID conversationId : fromEvents) {
                events.addAll(store.conversation(conversationId, userId));
            }
            events.sort(Comparator.comparingLong(EventEnvelope::position));
            replay(events, progress);
            Scope scope = Scope.of("user_id", userId);
            var repaired = diff().compare(live, SCRATCH, scope).differences();
            long rows = replaceRows(live, scope);
            truncateScratch();
            return new PartialRebuildResult(
                    Operation.REBUILD_USER, Long.toString(userId), fromEvents.size(), events.size(), rows, repaired);
        });
        progress.done(result.repaired().size() + " rows repaired");
        return result;
    }

    private JdbcTemplate begin(String live) {
        JdbcTemplate jdbc = db.plain();
        jdbc.execute("SET LOCAL synchronous_commit = on");
        truncateScratch();
        return jdbc;
    }

    /** Locks the heads that exist, in the order the live projector locks them; returns those. */
    private Set<UUID> lockHeads(String live, Set<UUID> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Set.of();
        }
        return new LinkedHashSet<>(db.plain()
                .query(
                        "SELECT conversation_id FROM " + live + ".conversation WHERE conversation_id = ANY (?)"
                                + " ORDER BY conversation_id FOR UPDATE",
                        ps -> ps.setArray(1, ps.getConnection().createArrayOf("uuid", conversationIds.toArray())),
                        (rs, i) -> rs.getObject(1, UUID.class)));
    }

    private void replay(List<EventEnvelope> events, RebuildProgress progress) {
        progress.addToTotal(events.size());
        long started = System.nanoTime();
        String searchPath = db.plain().queryForObject("SELECT current_setting('search_path')", String.class);
        Projector scratch = projectors.incremental(SCRATCH);
        scratch.apply(events)
                .rejected()
                .forEach(r ->
                        progress.rejected(r.envelope().position(), r.envelope().type(), r.reason()));
        // The projector pointed this transaction's search_path at the scratch schema.
        db.plain().query("SELECT set_config('search_path', ?, true)", rs -> {}, searchPath);
        progress.replayed(events.size(), System.nanoTime() - started);
    }

    /** Deletes the live rows in scope and copies the recomputed ones in; returns the rows copied. */
    private long replaceRows(String live, Scope scope) {
        JdbcTemplate jdbc = db.plain();
        long rows = 0;
        for (TableShape table : diff().tables(live)) {
            if (!table.columns().contains(scope.column())) {
                continue;
            }
            String columns = String.join(", ", table.columns());
            jdbc.update(
                    "DELETE FROM " + live + "." + table.name() + " WHERE " + scope.column() + " = ?", scope.value());
            rows += jdbc.update(
                    "INSERT INTO " + live + "." + table.name() + " (" + columns + ") SELECT " + columns + " FROM "
                            + SCRATCH + "." + table.name() + " WHERE " + scope.column() + " = ?",
                    scope.value());
        }
        return rows;
    }

    private void truncateScratch() {
        db.plain()
                .execute("TRUNCATE "
                        + String.join(
                                ", ",
                                schemas.tables(SCRATCH).stream()
                                        .map(t -> SCRATCH + "." + Schemas.checked(t))
                                        .toList()));
    }

    private ReadModelDiff diff() {
        return new ReadModelDiff(db.plain(), properties.verify().maxDifferencesPerTable());
    }
}
