package dev.chorus.projection.readmodel;

import dev.chorus.events.EventEnvelope;
import java.util.List;

/**
 * What one {@link Projector#apply} did, in its one transaction.
 *
 * @param applied events that changed (or could change) the read model
 * @param duplicates conversation events already applied before (redelivery, replayed suffix)
 * @param rejected events that cannot be applied in order; the caller must park them (dead-letter
 *     topic), never drop them silently
 * @param fanOutStatements user_inbox statements covering a whole conversation: at most one per
 *     conversation per call, however many messages it carried
 * @param fanOutRows user_inbox rows inserted, updated or deleted by those statements
 * @param memberRefreshStatements user_inbox statements for just the users whose own state changed
 *     (read pointer, hide, mute) in conversations that had no conversation-wide change
 */
public record ApplyResult(
        int applied,
        int duplicates,
        List<Rejected> rejected,
        int fanOutStatements,
        long fanOutRows,
        int memberRefreshStatements) {

    public static final ApplyResult NOTHING = new ApplyResult(0, 0, List.of(), 0, 0, 0);

    public ApplyResult {
        rejected = List.copyOf(rejected);
    }

    /** An event the projector refused, and why. */
    public record Rejected(EventEnvelope envelope, String reason) {}
}
