package dev.chorus.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A new conversation; its members start with read pointer 0 and the conversation's last seq is 0. */
@EventType(name = "ConversationCreated", version = 1)
public record ConversationCreated(
        UUID conversationId,
        ConversationType type,
        String title,
        long createdBy,
        List<Member> members,
        Instant createdAt)
        implements ChatEvent {
    public ConversationCreated {
        members = List.copyOf(members);
    }
}
