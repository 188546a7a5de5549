package dev.chorus.events;

import java.time.Instant;
import java.util.UUID;

/** Deleted for one user only: hidden from their history and never unread for them. */
@EventType(name = "MessageHidden", version = 1)
public record MessageHidden(UUID conversationId, long userId, long seq, long memberVersion, Instant hiddenAt)
        implements MemberEvent {}
