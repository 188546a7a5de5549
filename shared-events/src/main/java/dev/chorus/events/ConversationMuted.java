package dev.chorus.events;

import java.time.Instant;
import java.util.UUID;

/** Muted until {@code mutedUntil}; a null {@code mutedUntil} unmutes. */
@EventType(name = "ConversationMuted", version = 1)
public record ConversationMuted(
        UUID conversationId, long userId, Instant mutedUntil, long memberVersion, Instant mutedAt)
        implements MemberEvent {}
