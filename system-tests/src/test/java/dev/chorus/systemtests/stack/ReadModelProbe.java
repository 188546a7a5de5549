package dev.chorus.systemtests.stack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A read-only look at one table of the read model: how many {@code user_inbox} rows a conversation has.
 * The API does not say whether an inbox entry was fanned out on write or computed on read (it must not
 * matter to clients), so tests use this only to prove the premise "this group took the path I meant",
 * never for the values they assert.
 */
public final class ReadModelProbe {

    private final String jdbcUrl;
    private final String username;
    private final String password;

    ReadModelProbe(String jdbcUrl, String username, String password) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
    }

    public int inboxRows(UUID conversationId) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, username, password);
                PreparedStatement statement =
                        connection.prepareStatement("SELECT count(*) FROM user_inbox WHERE conversation_id = ?")) {
            connection.setReadOnly(true);
            statement.setObject(1, conversationId);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read user_inbox of " + conversationId, e);
        }
    }
}
