package dev.chorus.command.member;

import java.util.UUID;

/** Delete the message at {@code seq} for the caller only. */
public record HideMessage(UUID conversationId, long userId, long seq) {}
