package dev.chorus.events;

/**
 * Events about one member's own view of a conversation. They do not pass through the conversation
 * aggregate (marking read must not queue behind sends), so they carry their own per-member version,
 * which is what a consistency token for them refers to.
 */
public sealed interface MemberEvent extends ChatEvent permits ReadPointerMoved, MessageHidden, ConversationMuted {
    long userId();

    /** 1, 2, 3, ... per (conversation, user), across all member events of that user. */
    long memberVersion();
}
