package dev.chorus.query.search;

import dev.chorus.events.MessageType;
import dev.chorus.query.support.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Full-text search over the message bodies a user can see: messages of conversations they are an
 * active member of (history before their join included, as in history), not deleted, not hidden by
 * them. Matching uses the generated {@code search} tsvector ('simple' configuration: no stemming, no
 * stop words, so it works the same for every language) and its GIN index; the query text is read with
 * {@code websearch_to_tsquery} ("quoted phrases", {@code or}, {@code -excluded}).
 */
@Repository
public class SearchQuery {

    /** %1$s: optional conversation filter; %2$s: optional cursor predicate. */
    private static final String SEARCH_SQL =
            """
            SELECT m.conversation_id, m.seq, m.message_id, m.sender_id, m.type, m.body, m.sent_at
            FROM message m
            JOIN conversation_member cm
              ON cm.conversation_id = m.conversation_id AND cm.user_id = :userId AND cm.active
            WHERE m.search @@ websearch_to_tsquery('simple', :query)
              AND NOT m.deleted
              AND NOT EXISTS (SELECT 1 FROM hidden_message h
                              WHERE h.user_id = :userId AND h.conversation_id = m.conversation_id
                                AND h.seq = m.seq)
              %1$s
              %2$s
            ORDER BY m.sent_at DESC, m.conversation_id DESC, m.seq DESC
            LIMIT :fetch
            """;

    private final JdbcClient jdbc;

    public SearchQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public SearchPage search(
            long userId, String query, Optional<UUID> conversationId, Optional<SearchCursor> after, int limit) {
        String sql = sql(conversationId.isPresent(), after.isPresent());
        JdbcClient.StatementSpec statement =
                jdbc.sql(sql).param("userId", userId).param("query", query).param("fetch", limit + 1);
        if (conversationId.isPresent()) {
            statement = statement.param("conversationId", conversationId.get());
        }
        if (after.isPresent()) {
            statement = statement
                    .param("afterSentAt", after.get().sentAt())
                    .param("afterConversation", after.get().conversationId())
                    .param("afterSeq", after.get().seq());
        }
        List<Row> rows = statement.query(SearchQuery::row).list();
        if (rows.size() <= limit) {
            return new SearchPage(rows.stream().map(Row::hit).toList(), null);
        }
        List<Row> page = rows.subList(0, limit);
        Row last = page.get(limit - 1);
        return new SearchPage(
                page.stream().map(Row::hit).toList(),
                new SearchCursor(
                                last.sentAt(),
                                last.hit().conversationId(),
                                last.hit().seq())
                        .encode());
    }

    /** The statement for a search with or without a conversation filter and a cursor. */
    public static String sql(boolean inOneConversation, boolean afterCursor) {
        return SEARCH_SQL.formatted(
                inOneConversation ? "AND m.conversation_id = :conversationId" : "",
                afterCursor
                        ? "AND (m.sent_at, m.conversation_id, m.seq) < (:afterSentAt, :afterConversation, :afterSeq)"
                        : "");
    }

    private record Row(SearchHit hit, OffsetDateTime sentAt) {}

    private static Row row(ResultSet rs, int rowNum) throws SQLException {
        OffsetDateTime sentAt = rs.getObject("sent_at", OffsetDateTime.class);
        return new Row(
                new SearchHit(
                        rs.getObject("conversation_id", UUID.class),
                        rs.getLong("seq"),
                        rs.getObject("message_id", UUID.class),
                        rs.getLong("sender_id"),
                        MessageType.valueOf(rs.getString("type")),
                        rs.getString("body"),
                        Timestamps.toInstant(sentAt)),
                sentAt);
    }
}
