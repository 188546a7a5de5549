package dev.chorus.bench.sql;

/** The baselines' read queries, each as the seed document describes it, in its strongest fair form. */
public final class BaselineQueries {

    private BaselineQueries() {}

    /**
     * Seed 000, fan-out on read (sections 3 "Approach A" and 4): the user's conversations newest first
     * by the denormalised {@code last_message_at}, the last message for the preview, and the unread
     * count by the seed's {@code COUNT(*)} of messages after {@code last_read_message_id}. The page is
     * cut to 50 before counting, so only 50 counts run (the strongest form of the approach; a service
     * issuing one COUNT query per conversation would be slower). The seed's count includes the user's
     * own and SYSTEM messages, which makes it cheaper than the system's exact semantics, not dearer.
     */
    public static final String SEED000_INBOX_PAGE =
            """
            SELECT p.id, p.type, p.last_message_id, p.last_message_at, lm.sender_id, lm.message_type, lm.body,
                   (SELECT COUNT(*) FROM bench_seed000.messages m
                    WHERE m.conversation_id = p.id
                      AND m.id > COALESCE(p.last_read_message_id, 0)) AS unread_count
            FROM (SELECT c.id, c.type, c.last_message_id, c.last_message_at, cp.last_read_message_id
                  FROM bench_seed000.conversation_participants cp
                  JOIN bench_seed000.conversations c ON c.id = cp.conversation_id
                  WHERE cp.user_id = :userId
                  ORDER BY c.last_message_at DESC
                  LIMIT :limit) p
            LEFT JOIN bench_seed000.messages lm ON lm.id = p.last_message_id
            ORDER BY p.last_message_at DESC
            """;

    /** Seed 000 section 6: seek pagination on (conversation_id, id). */
    public static final String SEED000_HISTORY_PAGE =
            """
            SELECT *
            FROM bench_seed000.messages
            WHERE conversation_id = :conversationId AND id < :beforeId
            ORDER BY id DESC
            LIMIT :limit
            """;

    /**
     * Seed 003's "50-message list" of a 1:1 chat, both directions, newest first (the seed names the
     * query, not its text; this is the form its covering index (sender_id, receiver_id) serves).
     * {@code :before} is the created_at of the oldest message already shown, or +infinity.
     */
    public static final String SEED003_LIST_50 =
            """
            SELECT id, sender_id, receiver_id, message_text, created_at, is_read
            FROM bench_seed003.messages
            WHERE ((sender_id = :userA AND receiver_id = :userB) OR (sender_id = :userB AND receiver_id = :userA))
              AND created_at < :before
            ORDER BY created_at DESC
            LIMIT 50
            """;

    /** Seed 003's "single message fetch". */
    public static final String SEED003_SINGLE_MESSAGE =
            """
            SELECT id, sender_id, receiver_id, message_text, created_at, is_read
            FROM bench_seed003.messages
            WHERE id = :id
            """;
}
