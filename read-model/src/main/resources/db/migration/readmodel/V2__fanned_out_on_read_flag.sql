-- Inbox pages without an anti-join over all of a user's memberships.
--
-- V1 told the two kinds of inbox entry apart by absence: an active membership without a user_inbox
-- row was fanned out on read. That made every inbox page visit all of the user's memberships and
-- inbox rows. From V2 the kind is stored: conversation.fanned_out_on_read is the mode
-- projection-service last materialized for the conversation, and conversation_member.fanned_out_on_read
-- copies it onto each membership, so query-service finds a user's fanned-out-on-read conversations
-- with one range scan of a small partial index.
--
-- Invariant kept by projection-service (in the transaction that changes either side): an active
-- membership has a user_inbox row if and only if its fanned_out_on_read is false.
ALTER TABLE conversation ADD COLUMN fanned_out_on_read boolean NOT NULL DEFAULT false;
ALTER TABLE conversation_member ADD COLUMN fanned_out_on_read boolean NOT NULL DEFAULT false;

-- Existing data: a conversation was fanned out on read when an active member had no inbox row.
UPDATE conversation c
   SET fanned_out_on_read = true
 WHERE EXISTS (SELECT 1 FROM conversation_member m
                WHERE m.conversation_id = c.conversation_id AND m.active
                  AND NOT EXISTS (SELECT 1 FROM user_inbox i
                                   WHERE i.user_id = m.user_id AND i.conversation_id = m.conversation_id));
UPDATE conversation_member m
   SET fanned_out_on_read = true
  FROM conversation c
 WHERE c.conversation_id = m.conversation_id AND c.fanned_out_on_read;
DELETE FROM user_inbox i
 USING conversation c
 WHERE c.conversation_id = i.conversation_id AND c.fanned_out_on_read;

CREATE INDEX conversation_member_fanned_out_on_read ON conversation_member (user_id)
    WHERE active AND fanned_out_on_read;

-- Fan-out writes one row version per member per batch, and every index of user_inbox pays for it.
-- Keying the table by conversation first lets the primary key serve the fan-out's "all rows of this
-- conversation", so the separate user_inbox_by_conversation index (a third index write per row) goes.
-- Lookups by user use user_inbox_page.
ALTER TABLE user_inbox DROP CONSTRAINT user_inbox_pkey;
ALTER TABLE user_inbox ADD PRIMARY KEY (conversation_id, user_id);
DROP INDEX user_inbox_by_conversation;
