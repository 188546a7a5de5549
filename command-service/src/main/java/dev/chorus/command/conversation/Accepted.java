package dev.chorus.command.conversation;

/** A conversation command was accepted; the aggregate is at {@code aggregateVersion} (changed or not). */
public record Accepted(long aggregateVersion) implements VersionedOutcome {}
