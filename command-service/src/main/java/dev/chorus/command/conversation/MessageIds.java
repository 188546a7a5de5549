package dev.chorus.command.conversation;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Message ids derived from (conversation, seq) with name-based (v3) UUIDs. A seq is never reused, so
 * the ids are unique, and a retried or replayed write produces the very same id.
 */
public final class MessageIds {

    private MessageIds() {}

    /** The {@code messageId} of the MessageSent at {@code seq}: UUIDv3 of {@code "<conversationId>:<seq>"}. */
    public static UUID of(UUID conversationId, long seq) {
        return UUID.nameUUIDFromBytes((conversationId + ":" + seq).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The id of the SYSTEM history entry (a join or leave) at {@code seq}: UUIDv3 of {@code
     * "system:<conversationId>:<seq>"}, the same derivation projection-service uses for its rows.
     */
    public static UUID system(UUID conversationId, long seq) {
        return UUID.nameUUIDFromBytes(("system:" + conversationId + ":" + seq).getBytes(StandardCharsets.UTF_8));
    }
}
