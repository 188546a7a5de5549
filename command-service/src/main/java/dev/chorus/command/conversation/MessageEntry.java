package dev.chorus.command.conversation;

import dev.chorus.events.MessageType;
import java.time.Instant;
import java.util.UUID;

/** What the command side remembers about each seq of a conversation (SYSTEM seqs included). */
public record MessageEntry(
        long seq,
        UUID messageId,
        UUID clientMessageId,
        long senderId,
        MessageType type,
        Instant sentAt,
        boolean deleted) {}
