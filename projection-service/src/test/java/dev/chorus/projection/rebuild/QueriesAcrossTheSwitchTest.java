package dev.chorus.projection.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * While commands keep arriving (event store + Kafka, the live projection applying them) a full
 * rebuild runs and switches; a reader with its own connection pool, as query-service has, keeps
 * querying the inbox the way query-service does. Every answer comes back, satisfies the read
 * model's invariant, never goes back in time, and the reader does cross the switch. Afterwards the
 * live projection has applied everything exactly once (verification is clean).
 */
class QueriesAcrossTheSwitchTest extends RebuildTestBase {

    /** query-service's InboxQuery.FIRST_PAGE_SQL (user_inbox merged with computed entries), positional. */
    static final String INBOX_FIRST_PAGE =
            """
            WITH fanned_out_on_write AS (
                SELECT ui.conversation_id, ui.last_activity_at, ui.unread_count, ui.last_read_seq,
                       ui.muted_until, false AS computed
                FROM user_inbox ui WHERE ui.user_id = ?
                ORDER BY ui.last_activity_at DESC, ui.conversation_id DESC LIMIT 51
            ),
            fanned_out_on_read AS (
                SELECT m.conversation_id, c.last_activity_at, NULL::integer AS unread_count,
                       m.read_seq AS last_read_seq, m.muted_until, true AS computed
                FROM conversation_member m JOIN conversation c ON c.conversation_id = m.conversation_id
                WHERE m.user_id = ? AND m.active AND m.fanned_out_on_read
                ORDER BY c.last_activity_at DESC, m.conversation_id DESC LIMIT 51
            ),
            page AS (
                SELECT * FROM fanned_out_on_write UNION ALL SELECT * FROM fanned_out_on_read
                ORDER BY last_activity_at DESC, conversation_id DESC LIMIT 51
            )
            SELECT p.conversation_id, c.last_seq, c.aggregate_version,
                   CASE WHEN p.computed
                        THEN (SELECT e.unread_count FROM computed_inbox_entry e
                              WHERE e.user_id = ? AND e.conversation_id = p.conversation_id)
                        ELSE p.unread_count END AS unread_count
            FROM page p JOIN conversation c ON c.conversation_id = p.conversation_id
            ORDER BY p.last_activity_at DESC, p.conversation_id DESC
            """;

    /** Inbox rows that differ from the unread formula: none, in any committed state. */
    static final String ROWS_OFF_THE_FORMULA =
            """
            SELECT count(*) FROM user_inbox i JOIN computed_inbox_entry e USING (user_id, conversation_id)
             WHERE (i.last_activity_at, i.last_seq, i.unread_count, i.last_read_seq, i.muted_until)
                   IS DISTINCT FROM (e.last_activity_at, e.last_seq, e.unread_count, e.last_read_seq, e.muted_until)
            """;

    @Autowired
    DataSourceProperties readModel;

    @Test
    void theQuerySideAnswersCorrectlyThroughoutARebuildAndAcrossTheSwitch() throws Exception {
        long seed = System.nanoTime();
        RandomWorkload workload = new RandomWorkload(seed, 500, 30);
        storeAndPublish(workload.next(1_500));
        awaitProjected();

        readOnlyRoleForTheReader();
        Reader reader = new Reader(userIdsOf(workload));
        Writer writer = new Writer(workload);
        try (reader;
                writer) {
            reader.start();
            writer.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> reader.queries.get() > 20 && writer.batches.get() > 3);

            RebuildStatus rebuilt = rebuilds.fullRebuild();
            int batchesAtSwitch = writer.batches.get();
            int queriesAtSwitch = reader.queries.get();

            assertThat(rebuilt.state()).as("seed %d: %s", seed, rebuilt.error()).isEqualTo("SUCCEEDED");
            // The live projection keeps writing into the new tables, and the reader keeps reading them.
            await().atMost(Duration.ofSeconds(60))
                    .until(() ->
                            writer.batches.get() > batchesAtSwitch + 10 && reader.queries.get() > queriesAtSwitch + 20);
            writer.close();
            awaitProjected();
            int queriesAfterCatchUp = reader.queries.get();
            await().atMost(Duration.ofSeconds(60)).until(() -> reader.queries.get() > queriesAfterCatchUp + 5);
            reader.close();

            assertThat(reader.errors).as("seed %d", seed).isEmpty();
            assertThat(reader.offTheFormula)
                    .as("inbox rows that disagreed with the formula")
                    .isZero();
            assertThat(reader.wentBack)
                    .as("conversations seen going back in time")
                    .isEmpty();
            assertThat(reader.inboxTables).as("the reader crossed the switch").hasSizeGreaterThanOrEqualTo(2);
            assertThat(writer.errors).isEmpty();
        }
        assertThat(rebuilds.verify().differences())
                .as("seed %d: nothing lost or applied twice across the switch", seed)
                .isEmpty();
    }

    /**
     * The reader logs in as a role that may only read the live schema, as a query-service would in
     * production: the switch grants it the same on the rebuilt schema.
     */
    private void readOnlyRoleForTheReader() {
        JdbcTemplate admin = jdbc.getJdbcTemplate();
        admin.execute(
                """
                DO $$ BEGIN
                  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'chorus_reader') THEN
                    CREATE ROLE chorus_reader LOGIN PASSWORD 'reader';
                  END IF;
                END $$""");
        admin.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC");
        admin.execute("GRANT USAGE ON SCHEMA public TO chorus_reader");
        admin.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO chorus_reader");
        assertThat(admin.queryForObject(
                        "SELECT has_table_privilege('chorus_reader', 'public.conversation_member', 'INSERT')",
                        Boolean.class))
                .isFalse();
    }

    private List<Long> userIdsOf(RandomWorkload workload) {
        return jdbc.getJdbcTemplate()
                .queryForList(
                        "SELECT DISTINCT user_id FROM conversation_member WHERE conversation_id = ANY (?::uuid[])"
                                + " ORDER BY user_id",
                        Long.class,
                        (Object) workload.conversationIds().stream()
                                .map(UUID::toString)
                                .toArray(String[]::new));
    }

    /** Queries like query-service, on its own pool with the driver's defaults (server-side prepared statements). */
    private final class Reader extends Thread implements AutoCloseable {
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicInteger queries = new AtomicInteger();
        final List<String> errors = new CopyOnWriteArrayList<>();
        final List<String> wentBack = new CopyOnWriteArrayList<>();
        final Set<Long> inboxTables = ConcurrentHashMap.newKeySet();
        final Map<UUID, Long> versions = new HashMap<>();
        final List<Long> users;
        final HikariDataSource pool;
        volatile long offTheFormula;

        Reader(List<Long> users) {
            super("query-side-reader");
            this.users = users;
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(readModel.determineUrl());
            config.setUsername("chorus_reader");
            config.setPassword("reader");
            config.setMaximumPoolSize(2);
            this.pool = new HikariDataSource(config);
        }

        @Override
        public void run() {
            JdbcTemplate read = new JdbcTemplate(pool);
            int i = 0;
            while (running.get()) {
                long user = users.get(i++ % users.size());
                try {
                    inboxTables.add(read.queryForObject("SELECT 'user_inbox'::regclass::oid::bigint", Long.class));
                    read.query(
                            INBOX_FIRST_PAGE,
                            rs -> {
                                UUID conversation = rs.getObject("conversation_id", UUID.class);
                                long version = rs.getLong("aggregate_version");
                                Long before = versions.put(conversation, version);
                                if (before != null && before > version) {
                                    wentBack.add(conversation + ": aggregate_version " + before + " then " + version);
                                }
                                if (rs.getInt("unread_count") < 0) {
                                    errors.add("negative unread count for user " + user + " in " + conversation);
                                }
                            },
                            user,
                            user,
                            user);
                    Long off = read.queryForObject(ROWS_OFF_THE_FORMULA, Long.class);
                    offTheFormula += off == null ? 0 : off;
                    queries.incrementAndGet();
                } catch (RuntimeException e) {
                    errors.add(e.toString());
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            join(30_000);
            pool.close();
        }
    }

    /** Commands keep arriving: stored, then published, 20 events at a time. */
    private final class Writer extends Thread implements AutoCloseable {
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicInteger batches = new AtomicInteger();
        final List<String> errors = new CopyOnWriteArrayList<>();
        final RandomWorkload workload;

        Writer(RandomWorkload workload) {
            super("command-side-writer");
            this.workload = workload;
        }

        @Override
        public void run() {
            while (running.get()) {
                try {
                    storeAndPublish(workload.next(20));
                    batches.incrementAndGet();
                } catch (RuntimeException e) {
                    errors.add(e.toString());
                    return;
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            join(30_000);
        }
    }
}
