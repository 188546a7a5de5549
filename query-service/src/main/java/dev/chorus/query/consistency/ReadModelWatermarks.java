package dev.chorus.query.consistency;

import dev.chorus.events.ConsistencyToken;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether the read model already includes a write, by the watermarks projection-service maintains in
 * the same transaction as the rows they describe. One primary-key lookup per check.
 */
@Component
class ReadModelWatermarks {

    private final JdbcClient jdbc;

    ReadModelWatermarks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean includes(ConsistencyToken token) {
        if (token instanceof ConsistencyToken.MemberAt member) {
            return jdbc.sql(
                            """
                            SELECT member_version >= :version FROM conversation_member
                            WHERE conversation_id = :conversationId AND user_id = :userId
                            """)
                    .param("version", member.memberVersion())
                    .param("conversationId", member.conversationId())
                    .param("userId", member.userId())
                    .query(Boolean.class)
                    .optional()
                    .orElse(false);
        }
        ConsistencyToken.ConversationAt conversation = (ConsistencyToken.ConversationAt) token;
        return jdbc.sql(
                        """
                        SELECT aggregate_version >= :version FROM conversation
                        WHERE conversation_id = :conversationId
                        """)
                .param("version", conversation.aggregateVersion())
                .param("conversationId", conversation.conversationId())
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }
}
