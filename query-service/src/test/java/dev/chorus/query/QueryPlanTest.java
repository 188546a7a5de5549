package dev.chorus.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.query.history.HistoryQuery;
import dev.chorus.query.inbox.InboxQuery;
import dev.chorus.query.search.SearchQuery;
import dev.chorus.query.testing.QueryServiceTest;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The inbox and history statements the service runs read index ranges, not whole tables, once the
 * tables are big enough that PostgreSQL would otherwise prefer a sequential scan: 20,000 conversations
 * of 10 members, so 200,000 user_inbox and conversation_member rows over 2,000 users (100
 * conversations each), 40,000 messages plus one busy conversation of 20,000, and 20,000 hidden
 * messages, all ANALYZEd. Users and conversations here are disjoint from every other test's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryPlanTest extends QueryServiceTest {

    private static final long FIRST_USER = 50_000_000L;
    private static final int USERS = 2_000;
    private static final int CONVERSATIONS = 20_000;
    private static final int MEMBERS = 10;
    private static final int MESSAGES = 2;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private JdbcClient jdbc;

    private final long user = FIRST_USER + 1_234;
    private UUID busyConversation;

    @BeforeAll
    void manyRows() {
        JdbcClient writer = projectionWriter();
        writer.sql(
                        """
                        INSERT INTO conversation (conversation_id, type, title, created_by, created_at, member_count,
                                                  last_seq, countable_total, last_activity_at, last_message_seq,
                                                  last_message_sender, last_message_type, last_message_preview,
                                                  last_message_at, aggregate_version)
                        SELECT md5('plan-' || c)::uuid, 'GROUP', 'plan ' || c, :firstUser + c % :users,
                               timestamptz '2020-01-01' + c * interval '1 second', :members, :messages, :messages,
                               timestamptz '2020-01-01' + c * interval '1 minute', :messages,
                               :firstUser + c % :users, 'TEXT', 'text ' || c,
                               timestamptz '2020-01-01' + c * interval '1 minute', 0
                        FROM generate_series(1, :conversations) c
                        """)
                .params(counts())
                .update();
        // Member k of conversation c is user (c + 200 k) mod 2000: distinct within a conversation,
        // and every user ends up in 100 conversations.
        writer.sql(
                        """
                        INSERT INTO conversation_member (conversation_id, user_id, role, active, joined_seq,
                                                         membership_seq, read_seq)
                        SELECT md5('plan-' || c)::uuid, :firstUser + (c + 200 * k) % :users, 'MEMBER', true, 0, 0,
                               c % :messages
                        FROM generate_series(1, :conversations) c, generate_series(0, :members - 1) k
                        """)
                .params(counts())
                .update();
        // Every tenth conversation is "large": no user_inbox rows, read through the computed path.
        writer.sql(
                        """
                        INSERT INTO user_inbox (user_id, conversation_id, last_activity_at, last_seq, unread_count,
                                                last_read_seq)
                        SELECT cm.user_id, cm.conversation_id, c.last_activity_at, c.last_seq,
                               c.last_seq - cm.read_seq, cm.read_seq
                        FROM conversation_member cm
                        JOIN conversation c ON c.conversation_id = cm.conversation_id
                        WHERE c.title LIKE 'plan %' AND substr(c.title, 6)::int % 10 <> 0
                        """)
                .update();
        writer.sql(
                        """
                        INSERT INTO message (conversation_id, seq, message_id, sender_id, type, body, sent_at, ordinal,
                                             position)
                        SELECT md5('plan-' || c)::uuid, s, md5('plan-m-' || c || '-' || s)::uuid,
                               :firstUser + c % :users, 'TEXT', 'plan message ' || s || ' of ' || c,
                               timestamptz '2020-01-01' + c * interval '1 minute' + s * interval '1 second', s,
                               c * :messages + s
                        FROM generate_series(1, :conversations) c, generate_series(1, :messages) s
                        """)
                .params(counts())
                .update();
        // One busy conversation, so that a history page is a small part of its conversation's rows.
        writer.sql(
                        """
                        INSERT INTO conversation (conversation_id, type, title, created_by, created_at, member_count,
                                                  last_seq, countable_total, last_activity_at)
                        VALUES (md5('plan-busy')::uuid, 'GROUP', 'busy', :user, timestamptz '2020-01-01', 1,
                                20000, 20000, timestamptz '2021-01-01')
                        """)
                .param("user", user)
                .update();
        writer.sql(
                        """
                        INSERT INTO conversation_member (conversation_id, user_id, role, active, joined_seq,
                                                         membership_seq, read_seq)
                        VALUES (md5('plan-busy')::uuid, :user, 'ADMIN', true, 0, 0, 0)
                        """)
                .param("user", user)
                .update();
        writer.sql(
                        """
                        INSERT INTO message (conversation_id, seq, message_id, sender_id, type, body, sent_at, ordinal,
                                             position)
                        SELECT md5('plan-busy')::uuid, s, md5('plan-busy-' || s)::uuid, :user, 'TEXT',
                               'busy message ' || s, timestamptz '2020-01-01' + s * interval '1 second', s,
                               10000000 + s
                        FROM generate_series(1, 20000) s
                        """)
                .param("user", user)
                .update();
        // The first member of every conversation hid half of its messages.
        // As projection-service marks the conversations it fans out on read (no user_inbox rows).
        writer.sql(
                        """
                        UPDATE conversation SET fanned_out_on_read = true
                        WHERE title = 'busy' OR (title LIKE 'plan %' AND substr(title, 6)::int % 10 = 0)
                        """)
                .update();
        writer.sql(
                        """
                        UPDATE conversation_member m SET fanned_out_on_read = true
                        FROM conversation c
                        WHERE c.conversation_id = m.conversation_id AND c.fanned_out_on_read
                        """)
                .update();
        writer.sql(
                        """
                        INSERT INTO hidden_message (user_id, conversation_id, seq)
                        SELECT :firstUser + c % :users, md5('plan-' || c)::uuid, s
                        FROM generate_series(1, :conversations) c, generate_series(1, :messages / 2) s
                        """)
                .params(counts())
                .update();
        for (String table : List.of("conversation", "conversation_member", "user_inbox", "message", "hidden_message")) {
            writer.sql("ANALYZE " + table).update();
        }
        busyConversation =
                writer.sql("SELECT md5('plan-busy')::uuid").query(UUID.class).single();
    }

    @Test
    void the_inbox_first_page_reads_the_users_index_range_and_only_their_large_groups() {
        JsonNode plan = explain(InboxQuery.FIRST_PAGE_SQL, Map.of("userId", user, "fetch", 51));

        assertThat(scans(plan)).noneMatch(scan -> scan.startsWith("Seq Scan"));
        assertThat(scans(plan))
                .anyMatch(scan -> scan.matches("Index (Only )?Scan on user_inbox using user_inbox_page"))
                .anyMatch(
                        scan -> scan.matches(
                                "(Index (Only )?Scan|Bitmap Index Scan) on conversation_member using conversation_member_fanned_out_on_read"));
        // The user's other memberships are touched only by key, for the unread counts of the page's
        // computed entries; never as a range over all of them.
        assertThat(indexConditions(plan, "conversation_member_by_user"))
                .allMatch(condition -> condition.contains("conversation_id ="));
    }

    @Test
    void the_inbox_next_page_seeks_into_the_users_index_range() {
        JsonNode plan = explain(
                InboxQuery.NEXT_PAGE_SQL,
                Map.of(
                        "userId",
                        user,
                        "fetch",
                        51,
                        "afterActivity",
                        OffsetDateTime.parse("2020-01-10T00:00:00Z"),
                        "afterConversation",
                        UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff")));

        assertThat(scans(plan)).noneMatch(scan -> scan.startsWith("Seq Scan"));
        assertThat(scans(plan))
                .anyMatch(scan -> scan.matches("Index (Only )?Scan on user_inbox using user_inbox_page"));
    }

    @Test
    void a_history_page_reads_the_conversations_key_range_in_either_direction() {
        for (String sql : List.of(HistoryQuery.NEWEST_FIRST_SQL, HistoryQuery.OLDEST_FIRST_SQL)) {
            JsonNode plan = explain(
                    sql,
                    Map.of(
                            "conversationId",
                            busyConversation,
                            "userId",
                            user,
                            "afterSeq",
                            -1L,
                            "beforeSeq",
                            Long.MAX_VALUE,
                            "fetch",
                            51));

            assertThat(scans(plan)).noneMatch(scan -> scan.startsWith("Seq Scan"));
            assertThat(scans(plan)).anyMatch(scan -> scan.matches("Index (Only )?Scan on message using message_pkey"));
        }
    }

    @Test
    void search_never_scans_all_messages() {
        JsonNode plan =
                explain(SearchQuery.sql(false, false), Map.of("userId", user, "query", "rareword", "fetch", 51));

        // Either the GIN index finds the matches, or (for a user whose conversations hold few messages)
        // the planner walks the user's memberships and their messages by key; never the whole table.
        assertThat(scans(plan))
                .noneMatch(scan -> scan.startsWith("Seq Scan on message"))
                .noneMatch(scan -> scan.startsWith("Seq Scan on conversation_member"))
                .anyMatch(scan -> scan.endsWith("using message_search") || scan.endsWith("using message_pkey"));
    }

    private Map<String, Object> counts() {
        return Map.of(
                "firstUser", FIRST_USER,
                "users", USERS,
                "conversations", CONVERSATIONS,
                "members", MEMBERS,
                "messages", MESSAGES);
    }

    private JsonNode explain(String sql, Map<String, Object> params) {
        String json = jdbc.sql("EXPLAIN (FORMAT JSON) " + sql)
                .params(params)
                .query(String.class)
                .single();
        try {
            return JSON.readTree(json).get(0).get("Plan");
        } catch (Exception e) {
            throw new IllegalStateException(json, e);
        }
    }

    /** Every scan node as "Node Type on relation using index", for readable assertion failures. */
    private static List<String> scans(JsonNode plan) {
        List<String> scans = new ArrayList<>();
        collect(plan, scans);
        return scans;
    }

    private static void collect(JsonNode node, List<String> scans) {
        String type = node.get("Node Type").asText();
        if (node.has("Relation Name") || node.has("Index Name")) {
            String relation = node.has("Relation Name")
                    ? node.get("Relation Name").asText()
                    : indexedRelation(node.get("Index Name").asText());
            scans.add(type + " on " + relation
                    + (node.has("Index Name")
                            ? " using " + node.get("Index Name").asText()
                            : ""));
        }
        if (node.has("Plans")) {
            node.get("Plans").forEach(child -> collect(child, scans));
        }
    }

    /** The Index Cond of every scan of {@code index} in the plan. */
    private static List<String> indexConditions(JsonNode node, String index) {
        List<String> conditions = new ArrayList<>();
        if (node.has("Index Name") && node.get("Index Name").asText().equals(index)) {
            conditions.add(node.path("Index Cond").asText());
        }
        if (node.has("Plans")) {
            node.get("Plans").forEach(child -> conditions.addAll(indexConditions(child, index)));
        }
        return conditions;
    }

    /** Bitmap index scans name only the index. */
    private static String indexedRelation(String index) {
        if (index.startsWith("message")) {
            return "message";
        }
        if (index.startsWith("user_inbox")) {
            return "user_inbox";
        }
        return index.startsWith("conversation_member") ? "conversation_member" : "conversation";
    }
}
