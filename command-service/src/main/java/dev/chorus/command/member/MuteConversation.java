package dev.chorus.command.member;

import java.time.Instant;
import java.util.UUID;

/** Mute the conversation for the caller until {@code until}; null unmutes. */
public record MuteConversation(UUID conversationId, long userId, Instant until) {}
