package dev.chorus.events;

import java.time.Instant;
import java.util.UUID;

/** A member left ({@code removedBy == userId}) or was removed by an admin; SYSTEM message at {@code seq}. */
@EventType(name = "MemberRemoved", version = 1)
public record MemberRemoved(UUID conversationId, long seq, long removedBy, long userId, Instant removedAt)
        implements ChatEvent {
    public boolean isLeave() {
        return removedBy == userId;
    }
}
