package dev.chorus.command.conversation;

import java.util.UUID;

/** A command handled by the {@link Conversation} aggregate. */
public interface ConversationCommand {
    UUID conversationId();
}
