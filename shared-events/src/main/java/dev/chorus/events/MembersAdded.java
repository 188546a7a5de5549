package dev.chorus.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Users joined; the event is also the SYSTEM message at {@code seq} in history, and each new
 * member's read pointer starts at {@code seq} (history before it is visible, not unread).
 */
@EventType(name = "MembersAdded", version = 1)
public record MembersAdded(UUID conversationId, long seq, long addedBy, List<Long> userIds, Instant addedAt)
        implements ChatEvent {
    public MembersAdded {
        userIds = List.copyOf(userIds);
    }
}
