package dev.chorus.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.testsupport.TestInfrastructure;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A read model written before V2 (large groups told apart only by their missing inbox rows) keeps
 * every inbox entry after the upgrade: the migration derives the fanned_out_on_read flags from the
 * rows that exist.
 */
class ReadModelUpgradeTest {

    private static final UUID SMALL = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID LARGE = UUID.fromString("00000000-0000-0000-0000-00000000000b");

    @Test
    void v2FlagsTheGroupsThatHadNoInboxRowsAndOnlyThose() {
        TestInfrastructure.Database db = TestInfrastructure.get().newDatabase("upgrade");
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password());
        JdbcClient sql = JdbcClient.create(dataSource);
        flyway(dataSource, "1").migrate();
        for (UUID id : new UUID[] {SMALL, LARGE}) {
            sql.sql("INSERT INTO conversation (conversation_id, type, created_by, created_at, last_activity_at,"
                            + " member_count) VALUES (?, 'GROUP', 1, now(), now(), 2)")
                    .param(id)
                    .update();
            sql.sql("INSERT INTO conversation_member (conversation_id, user_id, role, active, joined_seq,"
                            + " membership_seq, read_seq) VALUES (?, 1, 'ADMIN', true, 0, 0, 0),"
                            + " (?, 2, 'MEMBER', true, 0, 0, 0), (?, 3, 'MEMBER', false, 0, 0, 0)")
                    .params(id, id, id)
                    .update();
        }
        sql.sql("INSERT INTO user_inbox (user_id, conversation_id, last_activity_at, last_seq, unread_count,"
                        + " last_read_seq) VALUES (1, ?, now(), 0, 0, 0), (2, ?, now(), 0, 0, 0)")
                .params(SMALL, SMALL)
                .update();

        flyway(dataSource, "latest").migrate();

        assertThat(sql.sql("SELECT conversation_id FROM conversation WHERE fanned_out_on_read")
                        .query(UUID.class)
                        .list())
                .containsExactly(LARGE);
        assertThat(sql.sql("SELECT count(*) FROM conversation_member WHERE fanned_out_on_read <>"
                                + " (conversation_id = ?)")
                        .param(LARGE)
                        .query(Long.class)
                        .single())
                .as("every membership carries its conversation's mode")
                .isZero();
        assertThat(sql.sql("SELECT user_id FROM user_inbox WHERE conversation_id = ? ORDER BY user_id")
                        .param(SMALL)
                        .query(Long.class)
                        .list())
                .containsExactly(1L, 2L);
    }

    private static Flyway flyway(DriverManagerDataSource dataSource, String target) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/readmodel")
                .target(target)
                .load();
    }
}
