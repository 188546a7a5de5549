package dev.chorus.command.conversation;

import java.util.UUID;

/**
 * @param created false when the conversation already existed (a retried create, or the existing DM
 *     of the pair); nothing was appended then
 */
public record CreateOutcome(UUID conversationId, long aggregateVersion, boolean created) implements VersionedOutcome {}
