-- Command-side lookup tables. The subscribing processor "command-lookups" writes them from the
-- conversation aggregate's events in the same transaction that appends those events, so they are
-- never behind the event store; member commands (read, hide, mute) also update member_state and
-- hidden_message in the transaction that appends their MemberEvent. They let commands check sets
-- (one DM per pair, one message per clientMessageId) and let member commands run without loading
-- or locking the conversation aggregate.

-- One row per conversation.
CREATE TABLE conversation_head (
    conversation_id   uuid    NOT NULL PRIMARY KEY,
    type              text    NOT NULL CHECK (type IN ('DM', 'GROUP')),
    created_by        bigint  NOT NULL,
    -- The last seq handed out (messages, joins and leaves).
    last_seq          bigint  NOT NULL,
    -- The aggregate version (sequence number) of the conversation's last event.
    aggregate_version bigint  NOT NULL
);

-- One row per (conversation, user) who was ever a member; rows of members who left stay so
-- member_version keeps growing across leave and re-join.
CREATE TABLE member_state (
    conversation_id uuid        NOT NULL,
    user_id         bigint      NOT NULL,
    active          boolean     NOT NULL,
    read_seq        bigint      NOT NULL,
    muted_until     timestamptz,
    -- memberVersion of the user's last MemberEvent in this conversation (0 = none yet).
    member_version  bigint      NOT NULL DEFAULT 0,
    CONSTRAINT member_state_pkey PRIMARY KEY (conversation_id, user_id)
);

-- Every seq of every conversation: who sent it and under which clientMessageId.
CREATE TABLE message_directory (
    conversation_id   uuid        NOT NULL,
    seq               bigint      NOT NULL,
    message_id        uuid        NOT NULL,
    client_message_id uuid,
    sender_id         bigint      NOT NULL,
    message_type      text        NOT NULL CHECK (message_type IN ('TEXT', 'IMAGE', 'FILE', 'SYSTEM')),
    sent_at           timestamptz NOT NULL,
    deleted           boolean     NOT NULL DEFAULT false,
    CONSTRAINT message_directory_pkey PRIMARY KEY (conversation_id, seq),
    CONSTRAINT message_directory_client_message_id UNIQUE (conversation_id, client_message_id)
);

-- At most one DM per pair of users (set validation: the unique key decides a race).
CREATE TABLE direct_conversation (
    user_low        bigint NOT NULL,
    user_high       bigint NOT NULL,
    conversation_id uuid   NOT NULL,
    CONSTRAINT direct_conversation_pkey PRIMARY KEY (user_low, user_high),
    CONSTRAINT direct_conversation_conversation UNIQUE (conversation_id),
    CONSTRAINT direct_conversation_ordered CHECK (user_low < user_high)
);

-- Messages a member deleted for themselves (makes a repeated delete-for-me append nothing).
CREATE TABLE hidden_message (
    conversation_id uuid   NOT NULL,
    user_id         bigint NOT NULL,
    seq             bigint NOT NULL,
    CONSTRAINT hidden_message_pkey PRIMARY KEY (conversation_id, user_id, seq)
);
