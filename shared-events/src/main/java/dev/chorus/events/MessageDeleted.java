package dev.chorus.events;

import java.time.Instant;
import java.util.UUID;

/** Deleted for everyone: the message keeps its seq but loses body, meta and attachments. */
@EventType(name = "MessageDeleted", version = 1)
public record MessageDeleted(UUID conversationId, long seq, long deletedBy, Instant deletedAt) implements ChatEvent {}
