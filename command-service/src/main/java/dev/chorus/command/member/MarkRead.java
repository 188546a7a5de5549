package dev.chorus.command.member;

import java.util.UUID;

/** Move the caller's read pointer up to {@code upToSeq} (never back; clamped to the last seq). */
public record MarkRead(UUID conversationId, long userId, long upToSeq) {}
