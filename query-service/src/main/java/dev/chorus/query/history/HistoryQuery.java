package dev.chorus.query.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.chorus.events.MessageType;
import dev.chorus.query.support.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * History pages: a range scan of the message primary key (conversation_id, seq), backwards for
 * newest-first, with the caller's hidden messages anti-joined out by primary-key probes.
 */
@Repository
public class HistoryQuery {

    private static final String PAGE_SQL =
            """
            SELECT m.seq, m.message_id, m.sender_id, m.type, m.body, m.meta::text AS meta,
                   m.attachments::text AS attachments, m.sent_at, m.deleted
            FROM message m
            WHERE m.conversation_id = :conversationId
              AND m.seq > :afterSeq AND m.seq < :beforeSeq
              AND NOT EXISTS (SELECT 1 FROM hidden_message h
                              WHERE h.user_id = :userId AND h.conversation_id = m.conversation_id
                                AND h.seq = m.seq)
            ORDER BY m.seq %s
            LIMIT :fetch
            """;

    /** Public so that the plan test EXPLAINs exactly the statements that run. */
    public static final String NEWEST_FIRST_SQL = PAGE_SQL.formatted("DESC");

    public static final String OLDEST_FIRST_SQL = PAGE_SQL.formatted("ASC");

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public HistoryQuery(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Messages with afterSeq < seq < beforeSeq (either bound may be absent), newest first unless
     * {@code oldestFirst}.
     */
    public HistoryPage page(
            UUID conversationId, long userId, Long beforeSeq, Long afterSeq, boolean oldestFirst, int limit) {
        List<HistoryMessage> rows = jdbc.sql(oldestFirst ? OLDEST_FIRST_SQL : NEWEST_FIRST_SQL)
                .param("conversationId", conversationId)
                .param("userId", userId)
                .param("afterSeq", afterSeq == null ? -1L : afterSeq)
                .param("beforeSeq", beforeSeq == null ? Long.MAX_VALUE : beforeSeq)
                .param("fetch", limit + 1)
                .query(this::message)
                .list();
        if (rows.size() <= limit) {
            return new HistoryPage(rows, null);
        }
        List<HistoryMessage> page = rows.subList(0, limit);
        return new HistoryPage(List.copyOf(page), page.get(limit - 1).seq());
    }

    private HistoryMessage message(ResultSet rs, int rowNum) throws SQLException {
        boolean deleted = rs.getBoolean("deleted");
        return new HistoryMessage(
                rs.getLong("seq"),
                rs.getObject("message_id", UUID.class),
                rs.getLong("sender_id"),
                MessageType.valueOf(rs.getString("type")),
                deleted ? null : rs.getString("body"),
                deleted ? null : parse(rs.getString("meta")),
                deleted ? JsonNodeFactory.instance.arrayNode() : parseOrEmptyArray(rs.getString("attachments")),
                Timestamps.toInstant(rs.getObject("sent_at", OffsetDateTime.class)),
                deleted);
    }

    private JsonNode parseOrEmptyArray(String text) {
        JsonNode node = parse(text);
        return node == null || node.isNull() ? JsonNodeFactory.instance.arrayNode() : node;
    }

    private JsonNode parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            // jsonb from PostgreSQL is always valid JSON.
            throw new IllegalStateException("The read model holds invalid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
