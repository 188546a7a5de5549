package dev.chorus.query.inbox;

import dev.chorus.query.support.OpaqueCursor;
import dev.chorus.query.support.Timestamps;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The seek position after the last item of an inbox page: (last_activity_at, conversation_id). */
record InboxCursor(OffsetDateTime lastActivityAt, UUID conversationId) {

    private static final String KIND = "inbox1";

    String encode() {
        return OpaqueCursor.encode(
                KIND, Long.toString(Timestamps.toEpochMicros(lastActivityAt)), conversationId.toString());
    }

    static InboxCursor decode(String cursor) {
        List<String> fields = OpaqueCursor.decode(KIND, cursor, 2);
        try {
            return new InboxCursor(
                    Timestamps.fromEpochMicros(Long.parseLong(fields.get(0))), UUID.fromString(fields.get(1)));
        } catch (RuntimeException e) {
            throw OpaqueCursor.invalid(cursor);
        }
    }
}
