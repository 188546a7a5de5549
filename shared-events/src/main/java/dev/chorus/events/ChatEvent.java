package dev.chorus.events;

import java.util.UUID;

/**
 * Every event of the system belongs to exactly one conversation; its id is the Kafka key, so one
 * conversation's events stay ordered in one partition.
 */
public sealed interface ChatEvent
        permits ConversationCreated, MembersAdded, MemberRemoved, MessageSent, MessageDeleted, MemberEvent {
    UUID conversationId();
}
