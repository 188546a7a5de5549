package dev.chorus.command.conversation;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The id of the message at a seq: a name-based (v3) UUID of {@code "<conversationId>:<seq>"}. A
 * seq is never reused, so the id is unique, and any consumer can derive the id of a SYSTEM message
 * (a join or leave) that has no messageId field of its own.
 */
public final class MessageIds {

    private MessageIds() {}

    public static UUID of(UUID conversationId, long seq) {
        return UUID.nameUUIDFromBytes((conversationId + ":" + seq).getBytes(StandardCharsets.UTF_8));
    }
}
