-- The read model. Written only by projection-service, read only by query-service.
-- Keys are chosen so the tables can be distributed without schema changes:
-- user_inbox and hidden_message by user_id, everything else by conversation_id.

-- One row per conversation: its head. last_seq counts every seq (SYSTEM included);
-- countable_total is the running ordinal at last_seq: how many countable (non-SYSTEM) messages
-- were ever sent, deleted ones included (deletions are subtracted separately, see message.deleted).
CREATE TABLE conversation (
    conversation_id      uuid        PRIMARY KEY,
    type                 text        NOT NULL CHECK (type IN ('DM', 'GROUP')),
    title                text,
    created_by           bigint      NOT NULL,
    created_at           timestamptz NOT NULL,
    member_count         integer     NOT NULL DEFAULT 0,
    last_seq             bigint      NOT NULL DEFAULT 0,
    countable_total      bigint      NOT NULL DEFAULT 0,
    last_activity_at     timestamptz NOT NULL,
    -- The last message still visible to everyone (not deleted), for the inbox preview.
    last_message_seq     bigint,
    last_message_sender  bigint,
    last_message_type    text,
    last_message_preview text,
    last_message_at      timestamptz,
    -- Consistency watermarks: the highest conversation-aggregate version and event-store position applied.
    aggregate_version    bigint      NOT NULL DEFAULT -1,
    applied_position     bigint      NOT NULL DEFAULT 0
);

-- Membership and per-member state. Rows of members who left stay (active = false) so a
-- re-join and receipts keep working; membership_seq guards join/leave against redelivery.
CREATE TABLE conversation_member (
    conversation_id uuid        NOT NULL,
    user_id         bigint      NOT NULL,
    role            text        NOT NULL CHECK (role IN ('ADMIN', 'MEMBER')),
    active          boolean     NOT NULL,
    joined_seq      bigint      NOT NULL,
    membership_seq  bigint      NOT NULL,
    read_seq        bigint      NOT NULL,
    muted_until     timestamptz,
    -- Highest MemberEvent.memberVersion applied (consistency watermark).
    member_version  bigint      NOT NULL DEFAULT 0,
    -- memberVersion of the ConversationMuted that set muted_until: the newest mute wins, whatever
    -- the delivery order (member_version alone cannot say, read and hide events raise it too).
    mute_version    bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (conversation_id, user_id)
);
CREATE INDEX conversation_member_by_user ON conversation_member (user_id, conversation_id) WHERE active;

-- History, one row per seq (SYSTEM rows for joins and leaves included).
-- ordinal = number of countable messages with seq <= this seq (deleted ones included), so
-- "countable messages after my read pointer" is a subtraction of two ordinals.
CREATE TABLE message (
    conversation_id   uuid        NOT NULL,
    seq               bigint      NOT NULL,
    message_id        uuid        NOT NULL,
    client_message_id uuid,
    sender_id         bigint      NOT NULL,
    type              text        NOT NULL CHECK (type IN ('TEXT', 'IMAGE', 'FILE', 'SYSTEM')),
    body              text,
    meta              jsonb,
    attachments       jsonb       NOT NULL DEFAULT '[]'::jsonb,
    sent_at           timestamptz NOT NULL,
    ordinal           bigint      NOT NULL,
    deleted           boolean     NOT NULL DEFAULT false,
    deleted_by        bigint,
    deleted_at        timestamptz,
    -- Event-store position of the event that wrote this seq. A read pointer is clamped to the last
    -- seq stored before the ReadPointerMoved itself, which makes the clamp the same on every redelivery.
    position          bigint      NOT NULL,
    -- Full-text search over bodies; deleted messages lose their body and so drop out of search.
    search            tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(body, ''))) STORED,
    -- ordinal in the key: "ordinal at my read pointer" is an index-only lookup.
    PRIMARY KEY (conversation_id, seq) INCLUDE (ordinal)
);
CREATE INDEX message_search ON message USING gin (search);
-- Deleted countable messages are rare; this keeps "deleted after my pointer" an index-only count.
CREATE INDEX message_deleted_countable ON message (conversation_id, seq) WHERE deleted AND type <> 'SYSTEM';

-- Messages one user deleted for themselves.
CREATE TABLE hidden_message (
    user_id         bigint NOT NULL,
    conversation_id uuid   NOT NULL,
    seq             bigint NOT NULL,
    PRIMARY KEY (user_id, conversation_id, seq)
);

-- The fan-out-on-write inbox: one row per (active member, conversation) of ordinary conversations.
-- unread_count is always recomputed from ordinals, never incremented.
CREATE TABLE user_inbox (
    user_id          bigint      NOT NULL,
    conversation_id  uuid        NOT NULL,
    last_activity_at timestamptz NOT NULL,
    last_seq         bigint      NOT NULL,
    unread_count     integer     NOT NULL,
    last_read_seq    bigint      NOT NULL,
    muted_until      timestamptz,
    PRIMARY KEY (user_id, conversation_id)
);
-- Inbox pages: newest activity first, seek pagination on (last_activity_at, conversation_id).
CREATE INDEX user_inbox_page ON user_inbox (user_id, last_activity_at DESC, conversation_id DESC);
-- Fan-out updates every member row of one conversation.
CREATE INDEX user_inbox_by_conversation ON user_inbox (conversation_id);

-- The inbox entry of every active member computed from membership, the conversation head and
-- history: the one place the unread formula lives.
--   unread = countable_total - ordinal(read_seq) - deleted countable after read_seq
--            - hidden-by-me countable, not deleted, after read_seq
-- (own messages never lie after the sender's pointer: sending moves it.)
-- projection-service materializes it into user_inbox for ordinary conversations; for groups above
-- the large-group threshold it writes no user_inbox rows and query-service reads this view instead.
-- Invariant kept by projection-service: a user_inbox row, where one exists, equals its row here.
CREATE VIEW computed_inbox_entry AS
SELECT m.user_id,
       m.conversation_id,
       c.last_activity_at,
       c.last_seq,
       (c.countable_total
          - coalesce((SELECT r.ordinal FROM message r
                       WHERE r.conversation_id = m.conversation_id AND r.seq <= m.read_seq
                       ORDER BY r.seq DESC LIMIT 1), 0)
          - (SELECT count(*) FROM message d
              WHERE d.conversation_id = m.conversation_id AND d.seq > m.read_seq
                AND d.deleted AND d.type <> 'SYSTEM')
          - (SELECT count(*) FROM hidden_message h
               JOIN message hm ON hm.conversation_id = h.conversation_id AND hm.seq = h.seq
              WHERE h.user_id = m.user_id AND h.conversation_id = m.conversation_id
                AND h.seq > m.read_seq AND NOT hm.deleted AND hm.type <> 'SYSTEM')
       )::integer AS unread_count,
       m.read_seq AS last_read_seq,
       m.muted_until
FROM conversation_member m
JOIN conversation c ON c.conversation_id = m.conversation_id
WHERE m.active;
