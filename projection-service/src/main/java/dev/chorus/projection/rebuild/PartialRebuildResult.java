package dev.chorus.projection.rebuild;

import dev.chorus.projection.rebuild.verify.Difference;
import java.util.List;

/**
 * What a partial rebuild did.
 *
 * @param operation REBUILD_CONVERSATION or REBUILD_USER
 * @param target the conversation id or the user id
 * @param conversations conversations whose events were replayed
 * @param eventsReplayed events read from the event store and replayed
 * @param rowsWritten rows written into the live read model (all rows in scope are replaced)
 * @param repaired the rows that were wrong before (empty: they were already right)
 */
public record PartialRebuildResult(
        Operation operation,
        String target,
        int conversations,
        long eventsReplayed,
        long rowsWritten,
        List<Difference> repaired) {}
