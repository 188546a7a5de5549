package dev.chorus.projection.readmodel;

/**
 * Every statement the projector runs. Each one is idempotent on its own: inserts ignore conflicts,
 * updates take maxima or are guarded by a sequence, and derived columns are recomputed from state,
 * never incremented. Table names are unqualified so a projector can target another schema through
 * the transaction's search_path.
 */
final class ReadModelSql {

    private ReadModelSql() {}

    static final String LOCK_HEADS =
            """
            SELECT conversation_id, last_seq, countable_total, aggregate_version, last_activity_at, member_count,
                   fanned_out_on_read
            FROM conversation WHERE conversation_id IN (:ids)
            ORDER BY conversation_id
            FOR UPDATE
            """;

    static final String INSERT_CONVERSATION =
            """
            INSERT INTO conversation (conversation_id, type, title, created_by, created_at, last_activity_at)
            VALUES (:conversationId, :type, :title, :createdBy, :createdAt, :createdAt)
            ON CONFLICT (conversation_id) DO NOTHING
            """;

    static final String INSERT_FOUNDING_MEMBER =
            """
            INSERT INTO conversation_member
                (conversation_id, user_id, role, active, joined_seq, membership_seq, read_seq)
            VALUES (:conversationId, :userId, :role, true, 0, 0, 0)
            ON CONFLICT (conversation_id, user_id) DO NOTHING
            """;

    /** A join, or a re-join of a former member: only a later membership change wins. */
    static final String UPSERT_JOINED_MEMBER =
            """
            INSERT INTO conversation_member
                (conversation_id, user_id, role, active, joined_seq, membership_seq, read_seq)
            VALUES (:conversationId, :userId, 'MEMBER', true, :seq, :seq, :seq)
            ON CONFLICT (conversation_id, user_id) DO UPDATE
               SET active = true,
                   role = 'MEMBER',
                   joined_seq = EXCLUDED.joined_seq,
                   membership_seq = EXCLUDED.membership_seq,
                   read_seq = GREATEST(conversation_member.read_seq, EXCLUDED.read_seq)
             WHERE NOT conversation_member.active
               AND conversation_member.membership_seq < EXCLUDED.membership_seq
            """;

    static final String DEACTIVATE_MEMBER =
            """
            UPDATE conversation_member SET active = false, membership_seq = :seq
            WHERE conversation_id = :conversationId AND user_id = :userId AND membership_seq < :seq
            """;

    /** A member who left gets no further fan-out: their inbox row goes with them. */
    static final String DELETE_LEAVER_INBOX_ROW =
            "DELETE FROM user_inbox WHERE user_id = :userId AND conversation_id = :conversationId";

    static final String INSERT_MESSAGE =
            """
            INSERT INTO message (conversation_id, seq, message_id, client_message_id, sender_id, type, body, meta,
                                 attachments, sent_at, ordinal, position)
            VALUES (:conversationId, :seq, :messageId, :clientMessageId, :senderId, :type, :body, CAST(:meta AS jsonb),
                    CAST(:attachments AS jsonb), :sentAt, :ordinal, :position)
            ON CONFLICT (conversation_id, seq) DO NOTHING
            """;

    /** Deleted for everyone: the seq (and its ordinal) stays, the content goes. */
    static final String DELETE_MESSAGE_FOR_EVERYONE =
            """
            UPDATE message
               SET deleted = true, body = NULL, meta = NULL, attachments = '[]'::jsonb,
                   deleted_by = :deletedBy, deleted_at = :deletedAt
             WHERE conversation_id = :conversationId AND seq = :seq AND NOT deleted
            """;

    /** Sending moves the sender's read pointer to the message (a maximum: never back). */
    static final String MOVE_SENDER_POINTER =
            """
            UPDATE conversation_member SET read_seq = GREATEST(read_seq, :seq)
            WHERE conversation_id = :conversationId AND user_id = :userId AND read_seq < :seq
            """;

    /**
     * Marking read is a maximum, clamped to the last seq stored before the ReadPointerMoved itself
     * (by event-store position): the same value on every redelivery, in any order.
     */
    static final String MOVE_READ_POINTER =
            """
            UPDATE conversation_member m
               SET read_seq = GREATEST(m.read_seq, LEAST(:readSeq, coalesce(
                       (SELECT x.seq FROM message x
                         WHERE x.conversation_id = :conversationId AND x.position < :position
                         ORDER BY x.seq DESC LIMIT 1), 0))),
                   member_version = GREATEST(m.member_version, :memberVersion)
             WHERE m.conversation_id = :conversationId AND m.user_id = :userId
            """;

    static final String INSERT_HIDDEN_MESSAGE =
            """
            INSERT INTO hidden_message (user_id, conversation_id, seq) VALUES (:userId, :conversationId, :seq)
            ON CONFLICT DO NOTHING
            """;

    static final String RAISE_MEMBER_VERSION =
            """
            UPDATE conversation_member SET member_version = GREATEST(member_version, :memberVersion)
            WHERE conversation_id = :conversationId AND user_id = :userId
            """;

    /** The newest mute (by memberVersion) wins, whatever the delivery order. */
    static final String MUTE =
            """
            UPDATE conversation_member m
               SET muted_until = CASE WHEN m.mute_version < :memberVersion
                                      THEN CAST(:mutedUntil AS timestamptz) ELSE m.muted_until END,
                   mute_version = GREATEST(m.mute_version, :memberVersion),
                   member_version = GREATEST(m.member_version, :memberVersion)
             WHERE m.conversation_id = :conversationId AND m.user_id = :userId
            """;

    /**
     * The head after this batch: counters computed by the projector from the locked head plus the
     * batch's events, member_count and the preview recomputed from rows (the preview falls back to
     * the previous visible message when the last one is deleted for everyone).
     */
    static final String UPDATE_HEAD =
            """
            UPDATE conversation c
               SET last_seq = :lastSeq,
                   countable_total = :countableTotal,
                   last_activity_at = :lastActivityAt,
                   aggregate_version = GREATEST(c.aggregate_version, :aggregateVersion),
                   applied_position = GREATEST(c.applied_position, :appliedPosition),
                   member_count = CASE WHEN :membershipChanged
                                       THEN (SELECT count(*) FROM conversation_member m
                                              WHERE m.conversation_id = c.conversation_id AND m.active)::integer
                                       ELSE c.member_count END,
                   (last_message_seq, last_message_sender, last_message_type, last_message_preview, last_message_at) =
                       (SELECT v.seq, v.sender_id, v.type,
                               CASE v.type WHEN 'IMAGE' THEN '[image]'
                                           WHEN 'FILE' THEN '[file]'
                                           ELSE CASE WHEN char_length(v.body) > :previewLength
                                                     THEN left(v.body, :previewLength - 1) || '…'
                                                     ELSE v.body END
                               END,
                               v.sent_at
                          FROM message v
                         WHERE v.conversation_id = c.conversation_id AND NOT v.deleted
                         ORDER BY v.seq DESC LIMIT 1)
             WHERE c.conversation_id = :conversationId
            RETURNING c.member_count
            """;

    private static final String UPSERT_INBOX_FROM_FORMULA =
            """
            INSERT INTO user_inbox AS i
                (user_id, conversation_id, last_activity_at, last_seq, unread_count, last_read_seq, muted_until)
            SELECT e.user_id, e.conversation_id, e.last_activity_at, e.last_seq, e.unread_count, e.last_read_seq,
                   e.muted_until
              FROM computed_inbox_entry e
             WHERE e.conversation_id = :conversationId %s
            ON CONFLICT (user_id, conversation_id) DO UPDATE
               SET last_activity_at = EXCLUDED.last_activity_at,
                   last_seq = EXCLUDED.last_seq,
                   unread_count = EXCLUDED.unread_count,
                   last_read_seq = EXCLUDED.last_read_seq,
                   muted_until = EXCLUDED.muted_until
             WHERE (i.last_activity_at, i.last_seq, i.unread_count, i.last_read_seq, i.muted_until)
                   IS DISTINCT FROM
                   (EXCLUDED.last_activity_at, EXCLUDED.last_seq, EXCLUDED.unread_count, EXCLUDED.last_read_seq,
                    EXCLUDED.muted_until)
            """;

    /** The coalesced fan-out: every active member's row of one conversation, in one statement. */
    static final String FAN_OUT = UPSERT_INBOX_FROM_FORMULA.formatted("");

    /**
     * The coalesced fan-out when the batch only appended messages (no deletion, no membership change):
     * for a member whose own state did not change, unread grows by exactly the countable messages
     * appended, so the formula need not be evaluated per member. Guarded by the row's last_seq (the
     * head this batch started from), which makes it idempotent; the caller compares the rows updated
     * with the member count and falls back to {@link #FAN_OUT} if any row was not at that head, and
     * refreshes the members whose own state changed (senders included) with the formula afterwards.
     */
    static final String FAN_OUT_APPENDS =
            """
            UPDATE user_inbox i
               SET last_activity_at = :lastActivityAt,
                   last_seq = :lastSeq,
                   unread_count = i.unread_count + (:countableTotal - :previousCountableTotal)
             WHERE i.conversation_id = :conversationId AND i.last_seq = :previousLastSeq
            """;

    /** Only the rows of members whose own state changed. */
    static final String REFRESH_MEMBERS = UPSERT_INBOX_FROM_FORMULA.formatted("AND e.user_id IN (:userIds)");

    /** Large groups are fanned out on read: they keep no user_inbox rows. */
    static final String DROP_FAN_OUT = "DELETE FROM user_inbox WHERE conversation_id = :conversationId";

    /**
     * Records how the conversation is fanned out, on the head and on every membership (the flag
     * query-service's inbox page reads); run with the matching {@link #FAN_OUT} or {@link
     * #DROP_FAN_OUT} in the same transaction, so a membership has an inbox row exactly when its flag is
     * false.
     */
    static final String MARK_FAN_OUT_MODE =
            """
            WITH head AS (
                UPDATE conversation SET fanned_out_on_read = :fannedOutOnRead
                 WHERE conversation_id = :conversationId
            )
            UPDATE conversation_member SET fanned_out_on_read = :fannedOutOnRead
             WHERE conversation_id = :conversationId AND fanned_out_on_read <> :fannedOutOnRead
            """;

    /** {@link #MARK_FAN_OUT_MODE} for every conversation of the schema (the end of a bulk replay). */
    static final String MARK_ALL_FAN_OUT_MODES =
            """
            WITH heads AS (
                UPDATE conversation SET fanned_out_on_read = (member_count > :largeGroupThreshold)
                 WHERE fanned_out_on_read <> (member_count > :largeGroupThreshold)
            )
            UPDATE conversation_member m SET fanned_out_on_read = (c.member_count > :largeGroupThreshold)
              FROM conversation c
             WHERE c.conversation_id = m.conversation_id
               AND m.fanned_out_on_read <> (c.member_count > :largeGroupThreshold)
            """;

    /**
     * Every inbox of the schema recomputed from the formula in set-based statements (after {@link
     * #MARK_ALL_FAN_OUT_MODES}): the rows of active members of conversations fanned out on write are
     * upserted, all other rows deleted. After a bulk replay (no per-batch fan-out) this writes exactly the rows the
     * incremental fan-out would have left.
     */
    static final String MATERIALIZE_INBOXES =
            """
            INSERT INTO user_inbox AS i
                (user_id, conversation_id, last_activity_at, last_seq, unread_count, last_read_seq, muted_until)
            SELECT e.user_id, e.conversation_id, e.last_activity_at, e.last_seq, e.unread_count, e.last_read_seq,
                   e.muted_until
              FROM computed_inbox_entry e
              JOIN conversation c ON c.conversation_id = e.conversation_id
             WHERE NOT c.fanned_out_on_read
            ON CONFLICT (user_id, conversation_id) DO UPDATE
               SET last_activity_at = EXCLUDED.last_activity_at,
                   last_seq = EXCLUDED.last_seq,
                   unread_count = EXCLUDED.unread_count,
                   last_read_seq = EXCLUDED.last_read_seq,
                   muted_until = EXCLUDED.muted_until
             WHERE (i.last_activity_at, i.last_seq, i.unread_count, i.last_read_seq, i.muted_until)
                   IS DISTINCT FROM
                   (EXCLUDED.last_activity_at, EXCLUDED.last_seq, EXCLUDED.unread_count, EXCLUDED.last_read_seq,
                    EXCLUDED.muted_until)
            """;

    static final String DELETE_INBOX_ROWS_WITHOUT_ENTRY =
            """
            DELETE FROM user_inbox i
             WHERE NOT EXISTS (SELECT 1 FROM conversation_member m
                                 JOIN conversation c ON c.conversation_id = m.conversation_id
                                WHERE m.conversation_id = i.conversation_id AND m.user_id = i.user_id
                                  AND m.active AND NOT c.fanned_out_on_read)
            """;
}
