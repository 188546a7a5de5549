package dev.chorus.command.lookup;

import dev.chorus.command.conversation.MessageDirectory;
import dev.chorus.command.conversation.MessageEntry;
import dev.chorus.events.MessageType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@link MessageDirectory} on the {@code message_directory} table. */
@Repository
public class JdbcMessageDirectory implements MessageDirectory {

    private static final String COLUMNS =
            "seq, message_id, client_message_id, sender_id, message_type, sent_at, deleted";

    private final JdbcClient jdbc;

    public JdbcMessageDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<MessageEntry> findByClientMessageId(UUID conversationId, UUID clientMessageId) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM message_directory WHERE conversation_id = ? AND client_message_id = ?")
                .params(conversationId, clientMessageId)
                .query(JdbcMessageDirectory::entry)
                .optional();
    }

    @Override
    public Optional<MessageEntry> find(UUID conversationId, long seq) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM message_directory WHERE conversation_id = ? AND seq = ?")
                .params(conversationId, seq)
                .query(JdbcMessageDirectory::entry)
                .optional();
    }

    private static MessageEntry entry(ResultSet rs, int row) throws SQLException {
        return new MessageEntry(
                rs.getLong("seq"),
                rs.getObject("message_id", UUID.class),
                rs.getObject("client_message_id", UUID.class),
                rs.getLong("sender_id"),
                MessageType.valueOf(rs.getString("message_type")),
                instant(rs, "sent_at"),
                rs.getBoolean("deleted"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
