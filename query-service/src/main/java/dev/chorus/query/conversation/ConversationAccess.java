package dev.chorus.query.conversation;

import dev.chorus.web.ChorusException;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who may read a conversation: its active members. A member sees the whole history, including what
 * was sent before they joined (the architecture's join semantics: "history before it is visible, but
 * not unread"). A member who left is treated like any non-member from then on: 403 for every read,
 * including history they could see while they were in.
 */
@Component
public class ConversationAccess {

    private final JdbcClient jdbc;

    public ConversationAccess(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @throws ChorusException.NotFound if the conversation does not exist (in the read model yet)
     * @throws ChorusException.Forbidden if the user is not an active member
     */
    public void requireActiveMember(UUID conversationId, long userId) {
        List<Boolean> active = jdbc.sql(
                        """
                        SELECT coalesce(cm.active, false)
                        FROM conversation c
                        LEFT JOIN conversation_member cm
                               ON cm.conversation_id = c.conversation_id AND cm.user_id = :userId
                        WHERE c.conversation_id = :conversationId
                        """)
                .param("conversationId", conversationId)
                .param("userId", userId)
                .query(Boolean.class)
                .list();
        if (active.isEmpty()) {
            throw new ChorusException.NotFound("conversation-not-found", "There is no conversation " + conversationId);
        }
        if (!active.get(0)) {
            throw new ChorusException.Forbidden(
                    "not-a-member", "You are not a member of conversation " + conversationId);
        }
    }
}
