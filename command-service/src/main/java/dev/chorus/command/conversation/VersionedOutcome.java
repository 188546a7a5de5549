package dev.chorus.command.conversation;

/** The answer of a {@link ConversationCommand}: the aggregate's version after it. */
public interface VersionedOutcome {
    long aggregateVersion();
}
