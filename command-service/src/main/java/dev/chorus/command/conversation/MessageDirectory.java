package dev.chorus.command.conversation;

import java.util.Optional;
import java.util.UUID;

/**
 * Every seq of every conversation, kept in the command's own transaction (see {@code
 * message_directory}). The aggregate consults it instead of keeping all messages in memory: for
 * duplicate clientMessageIds and for the sender of a message being deleted.
 */
public interface MessageDirectory {

    Optional<MessageEntry> findByClientMessageId(UUID conversationId, UUID clientMessageId);

    Optional<MessageEntry> find(UUID conversationId, long seq);
}
