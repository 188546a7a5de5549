-- Axon Framework 4 JDBC event store, snapshot store and token store, owned by Flyway (Axon
-- creates nothing). Column types follow Axon's PostgresEventTableFactory and
-- PostgresTokenTableFactory with snake_case names (see AxonConfiguration's EventSchema/TokenSchema).
-- The rebuild tool reads domain_event_entry directly; command-service/README.md documents it.

-- Every event, in commit order of global_index (a sequence: a value taken by a transaction that
-- commits later than a higher one leaves a temporary gap, which Axon's tracking tokens handle).
CREATE TABLE domain_event_entry (
    global_index         bigserial    NOT NULL,
    -- Conversation events: the conversation id. Member events: "member:<conversationId>:<userId>".
    aggregate_identifier varchar(255) NOT NULL,
    -- Conversation events: the aggregate version (0, 1, 2, ...). Member events: memberVersion - 1.
    sequence_number      bigint       NOT NULL,
    -- "Conversation" or "ConversationMember".
    type                 varchar(255),
    event_identifier     varchar(255) NOT NULL,
    -- JSON (Axon MetaData: correlation and trace ids).
    meta_data            bytea,
    -- JSON as written by dev.chorus.events.EventCodec (same ObjectMapper settings).
    payload              bytea        NOT NULL,
    -- The @EventType version of the payload's schema, e.g. "2".
    payload_revision     varchar(255),
    -- The Java class name, e.g. "dev.chorus.events.MessageSent" (EventTypes.byName accepts it).
    payload_type         varchar(255) NOT NULL,
    -- ISO-8601 instant as text (Axon's format).
    time_stamp           varchar(255) NOT NULL,
    CONSTRAINT domain_event_entry_pkey PRIMARY KEY (global_index),
    -- Optimistic locking: two writers of the same aggregate version collide here.
    CONSTRAINT domain_event_entry_aggregate_sequence UNIQUE (aggregate_identifier, sequence_number),
    CONSTRAINT domain_event_entry_event_identifier UNIQUE (event_identifier)
);

-- Aggregate snapshots (only the latest per aggregate is kept); never relayed.
CREATE TABLE snapshot_event_entry (
    aggregate_identifier varchar(255) NOT NULL,
    sequence_number      bigint       NOT NULL,
    type                 varchar(255) NOT NULL,
    event_identifier     varchar(255) NOT NULL,
    meta_data            bytea,
    payload              bytea        NOT NULL,
    payload_revision     varchar(255),
    payload_type         varchar(255) NOT NULL,
    time_stamp           varchar(255) NOT NULL,
    CONSTRAINT snapshot_event_entry_pkey PRIMARY KEY (aggregate_identifier, sequence_number),
    CONSTRAINT snapshot_event_entry_event_identifier UNIQUE (event_identifier)
);

-- Positions of the streaming event processors (the Kafka relay), one row per segment.
CREATE TABLE token_entry (
    processor_name varchar(255) NOT NULL,
    segment        integer      NOT NULL,
    token          bytea,
    token_type     varchar(255),
    timestamp      varchar(255),
    owner          varchar(255),
    CONSTRAINT token_entry_pkey PRIMARY KEY (processor_name, segment)
);
