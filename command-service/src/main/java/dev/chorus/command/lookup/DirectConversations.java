package dev.chorus.command.lookup;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The DM of a pair of users, if they have one ({@code direct_conversation}). */
@Repository
public class DirectConversations {

    /** An existing conversation and the version its aggregate is at. */
    public record Existing(UUID conversationId, long aggregateVersion) {}

    private final JdbcClient jdbc;

    public DirectConversations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Existing> find(long userA, long userB) {
        return jdbc.sql(
                        """
                        SELECT d.conversation_id, h.aggregate_version
                          FROM direct_conversation d
                          JOIN conversation_head h ON h.conversation_id = d.conversation_id
                         WHERE d.user_low = ? AND d.user_high = ?""")
                .params(Math.min(userA, userB), Math.max(userA, userB))
                .query((rs, row) ->
                        new Existing(rs.getObject("conversation_id", UUID.class), rs.getLong("aggregate_version")))
                .optional();
    }
}
