package dev.chorus.query.search;

import dev.chorus.events.MessageType;
import java.time.Instant;
import java.util.UUID;

/** A message whose body matches the search. */
public record SearchHit(
        UUID conversationId, long seq, UUID messageId, long senderId, MessageType type, String body, Instant sentAt) {}
