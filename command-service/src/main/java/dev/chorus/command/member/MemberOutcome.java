package dev.chorus.command.member;

import java.util.UUID;

/**
 * A member command was accepted.
 *
 * @param readSeq the member's read pointer after the command
 * @param memberVersion the member's version after the command (unchanged if nothing was appended)
 */
public record MemberOutcome(UUID conversationId, long userId, long readSeq, long memberVersion) {}
