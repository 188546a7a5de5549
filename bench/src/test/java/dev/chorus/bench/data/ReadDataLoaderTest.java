package dev.chorus.bench.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.chorus.bench.system.DatabaseOnlySystem;
import dev.chorus.bench.system.DbEndpoint;
import dev.chorus.testsupport.TestInfrastructure;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bulk-loaded read model must equal what projection-service would hold for the same history. */
class ReadDataLoaderTest {

    private static HikariDataSource db;
    private static ReadDataPlan plan;
    private static LoadedData loaded;

    @BeforeAll
    static void load() {
        TestInfrastructure.Database database = TestInfrastructure.get().newDatabase("bench_loader");
        DbEndpoint endpoint = new DbEndpoint(database.jdbcUrl(), database.username(), database.password());
        DatabaseOnlySystem.migrate(endpoint);
        db = endpoint.pool("test", 2);
        plan = ReadDataPlan.create(3, List.of(10, 100), 2, 120, 20, 40, Instant.parse("2026-01-01T00:00:00Z"));
        loaded = new ReadDataLoader(db).load(plan);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static long count(String sql) throws Exception {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void everyInboxRowEqualsTheReadModelsOwnUnreadFormula() throws Exception {
        assertThat(count("SELECT count(*) FROM user_inbox"))
                .isEqualTo(plan.memberships().size());
        // computed_inbox_entry is the read model's single definition of an inbox entry, which
        // projection-service materialises into user_inbox.
        assertThat(
                        count(
                                """
                SELECT count(*) FROM user_inbox ui
                JOIN computed_inbox_entry e USING (user_id, conversation_id)
                WHERE e.unread_count = ui.unread_count AND e.last_read_seq = ui.last_read_seq
                  AND e.last_seq = ui.last_seq AND e.last_activity_at = ui.last_activity_at"""))
                .isEqualTo(plan.memberships().size());
        assertThat(count("SELECT count(*) FROM user_inbox WHERE unread_count > 0"))
                .isPositive();
    }

    @Test
    void sendersNeverHaveTheirOwnMessagesUnread() throws Exception {
        assertThat(
                        count(
                                """
                SELECT count(*) FROM conversation_member m
                JOIN message x ON x.conversation_id = m.conversation_id AND x.sender_id = m.user_id
                WHERE x.seq > m.read_seq"""))
                .isZero();
    }

    @Test
    void theBaselinesHoldTheSameConversationsMessagesAndPointers() throws Exception {
        assertThat(count("SELECT count(*) FROM bench_seed000.messages"))
                .isEqualTo(count("SELECT count(*) FROM message"));
        assertThat(count("SELECT count(*) FROM bench_seed000.conversation_participants"))
                .isEqualTo(plan.memberships().size());
        // The seed's COUNT(*) after last_read_message_id counts exactly the messages after the pointer.
        assertThat(
                        count(
                                """
                SELECT count(*) FROM bench_seed000.conversation_participants cp
                JOIN bench_data.conv c ON c.idx = cp.conversation_id
                JOIN conversation_member m ON m.conversation_id = c.conversation_id AND m.user_id = cp.user_id
                WHERE (SELECT count(*) FROM bench_seed000.messages x
                       WHERE x.conversation_id = cp.conversation_id AND x.id > cp.last_read_message_id)
                   <> (SELECT count(*) FROM message y WHERE y.conversation_id = m.conversation_id AND y.seq > m.read_seq)
                """))
                .isZero();
        int dms = plan.dms().size();
        assertThat(count("SELECT count(*) FROM bench_seed003.messages")).isEqualTo(dms * (40L - 1));
        assertThat(loaded.seed000MessageIds()).hasSize(dms);
    }

    @Test
    void loadingTwiceKeepsOneCopy() throws Exception {
        new ReadDataLoader(db).load(plan);
        assertThat(count("SELECT count(*) FROM conversation"))
                .isEqualTo(plan.conversations().size());
    }
}
