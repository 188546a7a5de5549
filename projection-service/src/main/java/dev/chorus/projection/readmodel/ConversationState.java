package dev.chorus.projection.readmodel;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * One conversation's head while a batch is planned: loaded (locked) from the database, advanced
 * event by event in memory, written back once.
 */
final class ConversationState {

    final UUID conversationId;
    boolean exists;
    long lastSeq;
    long countableTotal;
    long aggregateVersion;
    Instant lastActivityAt;
    int memberCount;
    /** How the conversation's inbox entries are materialized now (see MARK_FAN_OUT_MODE). */
    boolean fannedOutOnRead;

    /** The head this batch started from: the fan-out of appended messages is relative to it. */
    long previousLastSeq;

    long previousCountableTotal;
    /** Only messages were appended: no creation, membership change or deletion in this batch. */
    boolean onlyAppended = true;

    long appliedPosition;
    /** A conversation-aggregate event was applied: head update and full fan-out needed. */
    boolean headChanged;

    boolean membershipChanged;
    /** A sequence gap was found: later conversation events of this batch must not be applied. */
    String blockedBy;
    /** Users whose own state (read pointer, hides, mute) changed. */
    final Set<Long> touchedMembers = new LinkedHashSet<>();
    /** Users who sent in this batch (sending moves the sender's read pointer). */
    final Set<Long> senders = new LinkedHashSet<>();

    private ConversationState(UUID conversationId) {
        this.conversationId = conversationId;
    }

    static ConversationState unknown(UUID conversationId) {
        ConversationState s = new ConversationState(conversationId);
        s.exists = false;
        s.aggregateVersion = -1;
        return s;
    }

    static ConversationState loaded(
            UUID conversationId,
            long lastSeq,
            long countableTotal,
            long aggregateVersion,
            Instant lastActivityAt,
            int memberCount,
            boolean fannedOutOnRead) {
        ConversationState s = new ConversationState(conversationId);
        s.exists = true;
        s.lastSeq = lastSeq;
        s.countableTotal = countableTotal;
        s.aggregateVersion = aggregateVersion;
        s.lastActivityAt = lastActivityAt;
        s.memberCount = memberCount;
        s.fannedOutOnRead = fannedOutOnRead;
        s.previousLastSeq = lastSeq;
        s.previousCountableTotal = countableTotal;
        return s;
    }
}
