package dev.chorus.command.api;

import java.time.Instant;
import java.util.UUID;

/** Response bodies of the command API; each carries the consistency token of the write. */
final class ConversationResponses {

    private ConversationResponses() {}

    record ConversationCreatedResponse(UUID conversationId, String consistencyToken) {}

    record AcceptedResponse(String consistencyToken) {}

    record MessageSentResponse(
            UUID conversationId, long seq, UUID messageId, Instant sentAt, String consistencyToken) {}

    record ReadResponse(long readSeq, String consistencyToken) {}
}
