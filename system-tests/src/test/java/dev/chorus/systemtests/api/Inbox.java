package dev.chorus.systemtests.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A user's whole inbox, every page followed through {@code nextCursor}, in page order.
 *
 * @param items the raw items, in the order the pages gave them
 * @param pages how many pages it took
 */
public record Inbox(List<JsonNode> items, int pages) {

    public List<InboxEntry> entries() {
        return items.stream().map(InboxEntry::of).toList();
    }

    /** By conversation; a conversation listed twice would be a paging defect, so it fails here. */
    public Map<UUID, InboxEntry> byConversation() {
        Map<UUID, InboxEntry> map = new LinkedHashMap<>();
        for (InboxEntry entry : entries()) {
            if (map.put(entry.conversationId(), entry) != null) {
                throw new AssertionError("Conversation " + entry.conversationId() + " is listed twice: " + items);
            }
        }
        return map;
    }

    public Optional<InboxEntry> entry(UUID conversationId) {
        return Optional.ofNullable(byConversation().get(conversationId));
    }

    /** The entry of a conversation that must be there. */
    public InboxEntry get(UUID conversationId) {
        return entry(conversationId)
                .orElseThrow(() -> new AssertionError("No inbox entry for " + conversationId + " in " + items));
    }
}
