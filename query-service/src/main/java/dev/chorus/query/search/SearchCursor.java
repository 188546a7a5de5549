package dev.chorus.query.search;

import dev.chorus.query.support.OpaqueCursor;
import dev.chorus.query.support.Timestamps;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The seek position after the last hit of a page: (sent_at, conversation_id, seq). */
record SearchCursor(OffsetDateTime sentAt, UUID conversationId, long seq) {

    private static final String KIND = "search1";

    String encode() {
        return OpaqueCursor.encode(
                KIND, Long.toString(Timestamps.toEpochMicros(sentAt)), conversationId.toString(), Long.toString(seq));
    }

    static SearchCursor decode(String cursor) {
        List<String> fields = OpaqueCursor.decode(KIND, cursor, 3);
        try {
            return new SearchCursor(
                    Timestamps.fromEpochMicros(Long.parseLong(fields.get(0))),
                    UUID.fromString(fields.get(1)),
                    Long.parseLong(fields.get(2)));
        } catch (RuntimeException e) {
            throw OpaqueCursor.invalid(cursor);
        }
    }
}
