package dev.chorus.projection.readmodel;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chorus.events.MemberRemoved;
import dev.chorus.events.MembersAdded;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The SYSTEM history rows written for membership changes: a readable body (user ids; clients that
 * know names render from {@code meta}) and a message id derived from (conversation, seq), so a
 * replay writes the very same row.
 */
final class SystemMessages {

    private SystemMessages() {}

    static UUID messageId(UUID conversationId, long seq) {
        return UUID.nameUUIDFromBytes(("system:" + conversationId + ":" + seq).getBytes(StandardCharsets.UTF_8));
    }

    static String body(MembersAdded e) {
        String joined = e.userIds().stream().map(String::valueOf).collect(Collectors.joining(", "));
        return e.userIds().equals(List.of(e.addedBy())) ? joined + " joined" : e.addedBy() + " added " + joined;
    }

    static String body(MemberRemoved e) {
        return e.isLeave() ? e.userId() + " left" : e.removedBy() + " removed " + e.userId();
    }

    static String meta(MembersAdded e) {
        ObjectNode meta = JsonNodeFactory.instance.objectNode();
        meta.put("event", "MembersAdded");
        meta.put("addedBy", e.addedBy());
        e.userIds().forEach(meta.putArray("userIds")::add);
        return meta.toString();
    }

    static String meta(MemberRemoved e) {
        ObjectNode meta = JsonNodeFactory.instance.objectNode();
        meta.put("event", "MemberRemoved");
        meta.put("removedBy", e.removedBy());
        meta.put("userId", e.userId());
        return meta.toString();
    }
}
