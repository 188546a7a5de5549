package dev.chorus.events;

import java.time.Instant;
import java.util.UUID;

/** The member has read up to {@code readSeq}. Consumers apply it as a monotonic max. */
@EventType(name = "ReadPointerMoved", version = 1)
public record ReadPointerMoved(UUID conversationId, long userId, long readSeq, long memberVersion, Instant movedAt)
        implements MemberEvent {}
