package dev.chorus.command.conversation;

import java.time.Instant;
import java.util.UUID;

/** @param duplicate true when the clientMessageId was already used: these are the original's values */
public record SendOutcome(
        UUID conversationId, long seq, UUID messageId, Instant sentAt, long aggregateVersion, boolean duplicate)
        implements VersionedOutcome {}
