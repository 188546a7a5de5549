package dev.chorus.projection.rebuild;

import dev.chorus.projection.rebuild.verify.Difference;
import dev.chorus.projection.rebuild.verify.ReadModelDiff;
import dev.chorus.projection.rebuild.verify.VerificationReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recomputes the read model from the events into a scratch schema (the full rebuild's build step)
 * and compares it with the live one. The live projection keeps running, so a row may differ only
 * because it has not caught up yet: the comparison is repeated (after catching the scratch schema
 * up again) and only differences seen identically in two consecutive looks are reported.
 */
final class Verification {

    private final FullRebuild builder;
    private final RebuildDatabase db;
    private final Schemas schemas;
    private final Projectors projectors;
    private final EventStore store;
    private final RebuildProperties properties;

    Verification(
            FullRebuild builder,
            RebuildDatabase db,
            Schemas schemas,
            Projectors projectors,
            EventStore store,
            RebuildProperties properties) {
        this.builder = builder;
        this.db = db;
        this.schemas = schemas;
        this.projectors = projectors;
        this.store = store;
        this.properties = properties;
    }

    VerificationReport run(RebuildProgress progress, String scratch) {
        String live = Schemas.checked(properties.liveSchema());
        progress.schema(scratch);
        try {
            EventReplay replay = builder.build(scratch, progress, false);
            progress.phase(Phase.COMPARING);
            ReadModelDiff diff =
                    new ReadModelDiff(db.plain(), properties.verify().maxDifferencesPerTable());
            TransactionTemplate snapshot =
                    new TransactionTemplate(db.transactions().getTransactionManager());
            snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
            snapshot.setReadOnly(true);

            ReadModelDiff.Result previous = null;
            ReadModelDiff.Result current = null;
            int looks = 0;
            long liveApplied = 0;
            while (looks < properties.verify().attempts()) {
                if (looks > 0) {
                    pause(properties.verify().settle());
                    replay.replayTo(projectors.incremental(scratch), store.maxPosition());
                    replay.fillGaps(projectors.incremental(scratch));
                }
                looks++;
                liveApplied = builder.liveAppliedPosition(live);
                current = snapshot.execute(tx -> diff.compare(live, scratch, ReadModelDiff.Scope.ALL));
                if (current.clean()
                        || (previous != null && previous.differences().equals(current.differences()))) {
                    break;
                }
                previous = current;
            }
            progress.positions(replay.position(), liveApplied);
            boolean stable = current.clean()
                    || (previous != null && previous.differences().equals(current.differences()));
            List<Difference> reported = current.differences();
            String note = null;
            if (!stable) {
                List<Difference> persistent = new ArrayList<>(current.differences());
                persistent.retainAll(previous.differences());
                reported = persistent;
                note = "The live read model kept changing during " + looks + " looks (the projection was still"
                        + " catching up): only the differences present in the last two looks are listed.";
            }
            VerificationReport report = new VerificationReport(
                    reported.isEmpty(), reported, current.tables(), replay.position(), liveApplied, looks, note);
            progress.done(report.clean() ? "No differences" : reported.size() + " differing rows");
            return report;
        } finally {
            schemas.drop(scratch);
        }
    }

    private static void pause(Duration settle) {
        try {
            TimeUnit.MILLISECONDS.sleep(settle.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while verifying", e);
        }
    }
}
