package dev.chorus.projection.rebuild.verify;

import java.util.List;

/**
 * The outcome of comparing the live read model with a recomputation from the event store.
 *
 * @param clean true when every table matches row for row
 * @param differences the differing rows (at most the configured number per table and direction)
 * @param tables per table: rows on each side and differing rows
 * @param eventStorePosition the last event-store position the recomputation includes
 * @param liveAppliedPosition the live projection's max conversation.applied_position at the comparison
 * @param looks how many times the live read model was compared (differences must persist across two)
 * @param note why differences may include rows that were only catching up, if that can be the case
 */
public record VerificationReport(
        boolean clean,
        List<Difference> differences,
        List<TableCount> tables,
        long eventStorePosition,
        long liveAppliedPosition,
        int looks,
        String note) {}
