package dev.chorus.events;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * What a write returns so that a later read can wait until the read model includes it. Opaque to
 * clients; command-service issues it, query-service checks it against the read model's watermarks:
 * {@code conversation.aggregate_version} for {@link ConversationAt}, {@code
 * conversation_member.member_version} for {@link MemberAt}.
 */
public sealed interface ConsistencyToken {

    UUID conversationId();

    /** The write is visible once the conversation's aggregate version reaches {@code aggregateVersion}. */
    record ConversationAt(UUID conversationId, long aggregateVersion) implements ConsistencyToken {}

    /** The write is visible once the member's version reaches {@code memberVersion}. */
    record MemberAt(UUID conversationId, long userId, long memberVersion) implements ConsistencyToken {}

    default String encode() {
        // Java 17: no pattern matching for switch yet.
        String raw = this instanceof MemberAt m
                ? "1:m:" + m.conversationId() + ":" + m.userId() + ":" + m.memberVersion()
                : "1:c:" + conversationId() + ":" + ((ConversationAt) this).aggregateVersion();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException if {@code token} was not issued by {@link #encode()} */
    static ConsistencyToken decode(String token) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
            if (parts.length >= 4 && parts[0].equals("1")) {
                UUID conversation = UUID.fromString(parts[2]);
                if (parts[1].equals("c") && parts.length == 4) {
                    return new ConversationAt(conversation, Long.parseLong(parts[3]));
                }
                if (parts[1].equals("m") && parts.length == 5) {
                    return new MemberAt(conversation, Long.parseLong(parts[3]), Long.parseLong(parts[4]));
                }
            }
        } catch (IllegalArgumentException e) {
            // fall through to the uniform error below
        }
        throw new IllegalArgumentException("Not a consistency token issued by this service: " + token);
    }
}
