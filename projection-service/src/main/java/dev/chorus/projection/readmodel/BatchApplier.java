package dev.chorus.projection.readmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.events.ChatEvent;
import dev.chorus.events.ConversationCreated;
import dev.chorus.events.ConversationMuted;
import dev.chorus.events.EventCodec;
import dev.chorus.events.EventEnvelope;
import dev.chorus.events.MemberEvent;
import dev.chorus.events.MemberRemoved;
import dev.chorus.events.MembersAdded;
import dev.chorus.events.MessageDeleted;
import dev.chorus.events.MessageHidden;
import dev.chorus.events.MessageSent;
import dev.chorus.events.MessageType;
import dev.chorus.events.ReadPointerMoved;
import dev.chorus.projection.readmodel.ApplyResult.Rejected;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * Applies one batch inside the caller's transaction, in two steps: plan (walk each conversation's
 * events in order against its locked head, in memory) and write (a fixed sequence of batched
 * statements, then one head update and one fan-out statement per changed conversation).
 *
 * <p>Reordering the writes into phases is safe because each phase only depends on earlier ones:
 * membership rows before pointers, messages before deletions and the preview, everything before the
 * fan-out; and pointer, hide and mute updates are maxima or version-guarded, so they commute.
 */
final class BatchApplier {

    static final int PREVIEW_LENGTH = 140;
    private static final int LOCK_CHUNK = 5_000;
    private static final ObjectMapper JSON = EventCodec.newObjectMapper();

    private final NamedParameterJdbcTemplate jdbc;
    private final int largeGroupThreshold;
    private final boolean fanOutDeferred;

    final List<EventEnvelope> applied = new ArrayList<>();
    final List<EventEnvelope> duplicates = new ArrayList<>();
    final List<Rejected> rejected = new ArrayList<>();
    private int fanOutStatements;
    private long fanOutRows;
    private int memberRefreshStatements;

    private final List<SqlParameterSource> newConversations = new ArrayList<>();
    /** Joins and leaves, in event order (a leave and a re-join may share a batch). */
    private final List<Statement> membershipChanges = new ArrayList<>();

    private final List<SqlParameterSource> messages = new ArrayList<>();
    private final List<SqlParameterSource> deletions = new ArrayList<>();
    private final Map<MemberKey, Long> senderPointers = new LinkedHashMap<>();
    private final List<SqlParameterSource> readPointers = new ArrayList<>();
    private final List<SqlParameterSource> hides = new ArrayList<>();
    private final List<SqlParameterSource> memberVersions = new ArrayList<>();
    private final List<SqlParameterSource> mutes = new ArrayList<>();

    private record Statement(String sql, SqlParameterSource params) {}

    private record MemberKey(UUID conversationId, long userId) {}

    BatchApplier(NamedParameterJdbcTemplate jdbc, int largeGroupThreshold, boolean fanOutDeferred) {
        this.jdbc = jdbc;
        this.largeGroupThreshold = largeGroupThreshold;
        this.fanOutDeferred = fanOutDeferred;
    }

    ApplyResult run(List<EventEnvelope> events) {
        Map<UUID, List<EventEnvelope>> byConversation = new LinkedHashMap<>();
        for (EventEnvelope e : events) {
            byConversation
                    .computeIfAbsent(e.payload().conversationId(), id -> new ArrayList<>())
                    .add(e);
        }
        Map<UUID, ConversationState> states = lockHeads(byConversation.keySet());
        byConversation.forEach((id, list) -> plan(states.get(id), list));
        write(states);
        return new ApplyResult(
                applied.size(), duplicates.size(), rejected, fanOutStatements, fanOutRows, memberRefreshStatements);
    }

    // ---------------------------------------------------------------- plan

    private Map<UUID, ConversationState> lockHeads(Set<UUID> ids) {
        Map<UUID, ConversationState> states = new LinkedHashMap<>();
        ids.forEach(id -> states.put(id, ConversationState.unknown(id)));
        RowCallbackHandler load = rs -> {
            UUID id = rs.getObject("conversation_id", UUID.class);
            states.put(
                    id,
                    ConversationState.loaded(
                            id,
                            rs.getLong("last_seq"),
                            rs.getLong("countable_total"),
                            rs.getLong("aggregate_version"),
                            rs.getObject("last_activity_at", OffsetDateTime.class)
                                    .toInstant(),
                            rs.getInt("member_count"),
                            rs.getBoolean("fanned_out_on_read")));
        };
        if (fanOutDeferred) {
            new BulkWrites(jdbc.getJdbcTemplate()).readHeads(ids, load);
            return states;
        }
        // In chunks (a replayed page may touch more conversations than one statement may bind), in
        // PostgreSQL's uuid order (that of the canonical text form) so concurrent writers lock alike.
        List<UUID> all =
                ids.stream().sorted(Comparator.comparing(UUID::toString)).toList();
        for (int from = 0; from < all.size(); from += LOCK_CHUNK) {
            List<UUID> chunk = all.subList(from, Math.min(all.size(), from + LOCK_CHUNK));
            jdbc.query(ReadModelSql.LOCK_HEADS, Map.of("ids", chunk), load);
        }
        return states;
    }

    private void plan(ConversationState st, List<EventEnvelope> events) {
        for (EventEnvelope e : events) {
            ChatEvent event = e.payload();
            if (event instanceof MemberEvent memberEvent) {
                planMemberEvent(st, e, memberEvent);
                continue;
            }
            if (e.aggregateVersion() == null) {
                rejected.add(new Rejected(e, "conversation event without an aggregateVersion"));
                continue;
            }
            if (st.blockedBy != null) {
                rejected.add(
                        new Rejected(e, "follows an event of this conversation that was rejected: " + st.blockedBy));
                continue;
            }
            if (e.aggregateVersion() <= st.aggregateVersion) {
                duplicates.add(e);
                continue;
            }
            String problem = planConversationEvent(st, e, event);
            if (problem != null) {
                st.blockedBy = problem;
                rejected.add(new Rejected(e, problem));
                continue;
            }
            st.aggregateVersion = e.aggregateVersion();
            st.appliedPosition = Math.max(st.appliedPosition, e.position());
            st.headChanged = true;
            applied.add(e);
        }
    }

    /** Plans one conversation-aggregate event; returns why it cannot be applied, or null. */
    private String planConversationEvent(ConversationState st, EventEnvelope e, ChatEvent event) {
        if (event instanceof ConversationCreated created) {
            if (st.exists) {
                return "ConversationCreated for a conversation that already exists";
            }
            planCreated(st, created);
            return null;
        }
        if (!st.exists) {
            return "the conversation's ConversationCreated was never applied";
        }
        if (event instanceof MessageDeleted deleted) {
            if (deleted.seq() < 1 || deleted.seq() > st.lastSeq) {
                return "deletes seq " + deleted.seq() + " but the last applied seq is " + st.lastSeq;
            }
            deletions.add(params(st.conversationId)
                    .addValue("seq", deleted.seq())
                    .addValue("deletedBy", deleted.deletedBy())
                    .addValue("deletedAt", timestamp(deleted.deletedAt()), Types.TIMESTAMP_WITH_TIMEZONE));
            st.onlyAppended = false;
            return null;
        }
        long seq = seqOf(event);
        if (seq != st.lastSeq + 1) {
            return "expected seq " + (st.lastSeq + 1) + " but got " + seq;
        }
        if (event instanceof MessageSent sent) {
            addMessage(
                    st,
                    e,
                    seq,
                    sent.messageId(),
                    sent.clientMessageId(),
                    sent.senderId(),
                    sent.messageType(),
                    sent.body(),
                    sent.meta() == null ? null : json(sent.meta()),
                    json(sent.attachments()),
                    sent.sentAt());
            senderPointers.merge(new MemberKey(st.conversationId, sent.senderId()), seq, Math::max);
            st.senders.add(sent.senderId());
        } else if (event instanceof MembersAdded added) {
            addSystemMessage(
                    st,
                    e,
                    seq,
                    added.addedBy(),
                    SystemMessages.body(added),
                    SystemMessages.meta(added),
                    added.addedAt());
            for (long userId : added.userIds()) {
                membershipChanges.add(new Statement(
                        ReadModelSql.UPSERT_JOINED_MEMBER,
                        params(st.conversationId).addValue("userId", userId).addValue("seq", seq)));
            }
            st.membershipChanged = true;
            st.onlyAppended = false;
        } else if (event instanceof MemberRemoved removed) {
            addSystemMessage(
                    st,
                    e,
                    seq,
                    removed.removedBy(),
                    SystemMessages.body(removed),
                    SystemMessages.meta(removed),
                    removed.removedAt());
            MapSqlParameterSource member = params(st.conversationId)
                    .addValue("userId", removed.userId())
                    .addValue("seq", seq);
            membershipChanges.add(new Statement(ReadModelSql.DEACTIVATE_MEMBER, member));
            membershipChanges.add(new Statement(ReadModelSql.DELETE_LEAVER_INBOX_ROW, member));
            st.membershipChanged = true;
            st.onlyAppended = false;
        } else {
            throw new IllegalStateException("Unhandled conversation event " + event.getClass());
        }
        return null;
    }

    private void planCreated(ConversationState st, ConversationCreated created) {
        st.exists = true;
        st.lastActivityAt = created.createdAt();
        st.membershipChanged = true;
        st.onlyAppended = false;
        newConversations.add(params(st.conversationId)
                .addValue("type", created.type().name())
                .addValue("title", created.title(), Types.VARCHAR)
                .addValue("createdBy", created.createdBy())
                .addValue("createdAt", timestamp(created.createdAt()), Types.TIMESTAMP_WITH_TIMEZONE));
        created.members()
                .forEach(m -> membershipChanges.add(new Statement(
                        ReadModelSql.INSERT_FOUNDING_MEMBER,
                        params(st.conversationId)
                                .addValue("userId", m.userId())
                                .addValue("role", m.role().name()))));
    }

    private static long seqOf(ChatEvent event) {
        if (event instanceof MessageSent sent) {
            return sent.seq();
        }
        if (event instanceof MembersAdded added) {
            return added.seq();
        }
        if (event instanceof MemberRemoved removed) {
            return removed.seq();
        }
        throw new IllegalStateException("No seq on " + event.getClass());
    }

    private void addSystemMessage(
            ConversationState st, EventEnvelope e, long seq, long actor, String body, String meta, Instant at) {
        addMessage(
                st,
                e,
                seq,
                SystemMessages.messageId(st.conversationId, seq),
                null,
                actor,
                MessageType.SYSTEM,
                body,
                meta,
                "[]",
                at);
    }

    /** ordinal(seq) = ordinal(seq - 1) + (countable ? 1 : 0): the running count of countable messages. */
    private void addMessage(
            ConversationState st,
            EventEnvelope e,
            long seq,
            UUID messageId,
            UUID clientMessageId,
            long senderId,
            MessageType type,
            String body,
            String metaJson,
            String attachmentsJson,
            Instant sentAt) {
        long ordinal = st.countableTotal + (type.countable() ? 1 : 0);
        messages.add(params(st.conversationId)
                .addValue("seq", seq)
                .addValue("messageId", messageId)
                .addValue("clientMessageId", clientMessageId, Types.OTHER)
                .addValue("senderId", senderId)
                .addValue("type", type.name())
                .addValue("body", body, Types.VARCHAR)
                .addValue("meta", metaJson, Types.VARCHAR)
                .addValue("attachments", attachmentsJson, Types.VARCHAR)
                .addValue("sentAt", timestamp(sentAt), Types.TIMESTAMP_WITH_TIMEZONE)
                .addValue("ordinal", ordinal)
                .addValue("position", e.position()));
        st.countableTotal = ordinal;
        st.lastSeq = seq;
        st.lastActivityAt = sentAt;
    }

    private void planMemberEvent(ConversationState st, EventEnvelope e, MemberEvent event) {
        if (!st.exists) {
            rejected.add(
                    new Rejected(e, "member event for a conversation whose ConversationCreated was never applied"));
            return;
        }
        MapSqlParameterSource member = params(st.conversationId)
                .addValue("userId", event.userId())
                .addValue("memberVersion", event.memberVersion());
        if (event instanceof ReadPointerMoved moved) {
            readPointers.add(member.addValue("readSeq", moved.readSeq()).addValue("position", e.position()));
        } else if (event instanceof MessageHidden hidden) {
            hides.add(member.addValue("seq", hidden.seq()));
            memberVersions.add(member);
        } else if (event instanceof ConversationMuted muted) {
            mutes.add(member.addValue("mutedUntil", timestamp(muted.mutedUntil()), Types.TIMESTAMP_WITH_TIMEZONE));
        } else {
            throw new IllegalStateException("Unhandled member event " + event.getClass());
        }
        st.touchedMembers.add(event.userId());
        applied.add(e);
    }

    // ---------------------------------------------------------------- write

    private void write(Map<UUID, ConversationState> states) {
        if (fanOutDeferred) {
            writeInBulk(states);
            return;
        }
        batch(ReadModelSql.INSERT_CONVERSATION, newConversations);
        writeInOrder(membershipChanges);
        batch(ReadModelSql.INSERT_MESSAGE, messages);
        batch(ReadModelSql.DELETE_MESSAGE_FOR_EVERYONE, deletions);
        batch(
                ReadModelSql.MOVE_SENDER_POINTER,
                senderPointers.entrySet().stream()
                        .map(p -> (SqlParameterSource) params(p.getKey().conversationId())
                                .addValue("userId", p.getKey().userId())
                                .addValue("seq", p.getValue()))
                        .toList());
        batch(ReadModelSql.MOVE_READ_POINTER, readPointers);
        batch(ReadModelSql.INSERT_HIDDEN_MESSAGE, hides);
        batch(ReadModelSql.RAISE_MEMBER_VERSION, memberVersions);
        batch(ReadModelSql.MUTE, mutes);
        for (ConversationState st : states.values()) {
            if (st.headChanged) {
                updateHeadAndFanOut(st);
            } else if (!st.touchedMembers.isEmpty()) {
                refreshMembers(st);
            }
        }
    }

    /** Bulk replay: the same writes, one statement per kind (see BulkWrites); inboxes come later. */
    private void writeInBulk(Map<UUID, ConversationState> states) {
        BulkWrites bulk = new BulkWrites(jdbc.getJdbcTemplate());
        bulk.insertConversations(newConversations);
        bulk.membershipChanges(
                membershipChanges.stream().map(Statement::sql).toList(),
                membershipChanges.stream().map(Statement::params).toList());
        bulk.insertMessages(messages);
        bulk.deleteMessagesForEveryone(deletions);
        bulk.moveSenderPointers(senderPointers.entrySet().stream()
                .map(p -> (SqlParameterSource) params(p.getKey().conversationId())
                        .addValue("userId", p.getKey().userId())
                        .addValue("seq", p.getValue()))
                .toList());
        bulk.moveReadPointers(readPointers);
        bulk.insertHiddenMessages(hides);
        bulk.raiseMemberVersions(memberVersions);
        bulk.mute(mutes);
        bulk.updateHeads(states.values().stream()
                .filter(st -> st.headChanged)
                .map(st -> (SqlParameterSource) headParams(st))
                .toList());
    }

    private void updateHeadAndFanOut(ConversationState st) {
        Integer memberCount = jdbc.queryForObject(ReadModelSql.UPDATE_HEAD, headParams(st), Integer.class);
        st.memberCount = memberCount == null ? 0 : memberCount;
        boolean onRead = isLargeGroup(st);
        if (onRead != st.fannedOutOnRead || st.membershipChanged) {
            markFanOutMode(st, onRead);
        } else if (!onRead && st.onlyAppended && fanOutAppends(st)) {
            return;
        }
        fanOutWholeConversation(st, onRead);
    }

    /** Every row of the conversation from the formula, or none of them for a large group. */
    private void fanOutWholeConversation(ConversationState st, boolean onRead) {
        fanOutRows += jdbc.update(onRead ? ReadModelSql.DROP_FAN_OUT : ReadModelSql.FAN_OUT, params(st.conversationId));
        fanOutStatements++;
    }

    /**
     * The common case without the per-member formula (see FAN_OUT_APPENDS); false when some row was
     * not at the previous head, so the caller recomputes every row from the formula instead.
     */
    private boolean fanOutAppends(ConversationState st) {
        int updated = jdbc.update(
                ReadModelSql.FAN_OUT_APPENDS,
                params(st.conversationId)
                        .addValue("lastActivityAt", timestamp(st.lastActivityAt), Types.TIMESTAMP_WITH_TIMEZONE)
                        .addValue("lastSeq", st.lastSeq)
                        .addValue("countableTotal", st.countableTotal)
                        .addValue("previousLastSeq", st.previousLastSeq)
                        .addValue("previousCountableTotal", st.previousCountableTotal));
        fanOutRows += updated;
        fanOutStatements++;
        if (updated != st.memberCount) {
            return false;
        }
        Set<Long> ownStateChanged = new LinkedHashSet<>(st.senders);
        ownStateChanged.addAll(st.touchedMembers);
        jdbc.update(
                ReadModelSql.REFRESH_MEMBERS,
                params(st.conversationId).addValue("userIds", List.copyOf(ownStateChanged)));
        memberRefreshStatements++;
        return true;
    }

    private void markFanOutMode(ConversationState st, boolean onRead) {
        jdbc.update(ReadModelSql.MARK_FAN_OUT_MODE, params(st.conversationId).addValue("fannedOutOnRead", onRead));
        st.fannedOutOnRead = onRead;
    }

    private static MapSqlParameterSource headParams(ConversationState st) {
        return params(st.conversationId)
                .addValue("lastSeq", st.lastSeq)
                .addValue("countableTotal", st.countableTotal)
                .addValue("lastActivityAt", timestamp(st.lastActivityAt), Types.TIMESTAMP_WITH_TIMEZONE)
                .addValue("aggregateVersion", st.aggregateVersion)
                .addValue("appliedPosition", st.appliedPosition)
                .addValue("membershipChanged", st.membershipChanged)
                .addValue("previewLength", PREVIEW_LENGTH);
    }

    /** Only members' own state changed; a threshold changed since the last fan-out is applied here too. */
    private void refreshMembers(ConversationState st) {
        boolean onRead = isLargeGroup(st);
        if (onRead != st.fannedOutOnRead) {
            markFanOutMode(st, onRead);
            fanOutWholeConversation(st, onRead);
        } else if (!onRead) {
            jdbc.update(
                    ReadModelSql.REFRESH_MEMBERS,
                    params(st.conversationId).addValue("userIds", List.copyOf(st.touchedMembers)));
            memberRefreshStatements++;
        }
    }

    private boolean isLargeGroup(ConversationState st) {
        return st.memberCount > largeGroupThreshold;
    }

    private void batch(String sql, List<SqlParameterSource> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(sql, rows.toArray(SqlParameterSource[]::new));
        }
    }

    /** Runs statements in order, batching consecutive runs of the same statement. */
    private void writeInOrder(List<Statement> statements) {
        int from = 0;
        while (from < statements.size()) {
            String sql = statements.get(from).sql();
            int to = from;
            while (to < statements.size() && statements.get(to).sql().equals(sql)) {
                to++;
            }
            batch(
                    sql,
                    statements.subList(from, to).stream().map(Statement::params).toList());
            from = to;
        }
    }

    private static MapSqlParameterSource params(UUID conversationId) {
        return new MapSqlParameterSource("conversationId", conversationId);
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON", e);
        }
    }
}
