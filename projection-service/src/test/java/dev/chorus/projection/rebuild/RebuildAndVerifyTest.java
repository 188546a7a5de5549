package dev.chorus.projection.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.projection.rebuild.verify.Difference;
import dev.chorus.projection.rebuild.verify.Difference.Kind;
import dev.chorus.projection.rebuild.verify.VerificationReport;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * A randomized workload through the live projection (Kafka); a full rebuild from the event store
 * yields exactly the live rows and verification finds nothing; then corrupted rows (a wrong unread
 * count, a missing inbox row, an extra one) are exactly what verification reports, and partial
 * rebuilds of a conversation and of users repair them.
 */
class RebuildAndVerifyTest extends RebuildTestBase {

    private static final long SEED = Long.getLong("chorus.test.seed", System.nanoTime());

    @Test
    void rebuildVerifyCorruptVerifyRepairVerify() {
        RandomWorkload workload = new RandomWorkload(SEED, 100, 40);
        for (int i = 0; i < 6; i++) {
            storeAndPublish(workload.next(250));
        }
        awaitProjected();
        List<String> live = dump().all();
        assertThat(live).as("seed %d", SEED).hasSizeGreaterThan(1_000);

        RebuildStatus rebuilt = rebuilds.fullRebuild();

        assertThat(rebuilt.state()).isEqualTo("SUCCEEDED");
        assertThat(rebuilt.eventsReplayed()).isGreaterThanOrEqualTo(1_500);
        assertThat(rebuilt.rejected())
                .as("seed %d: %s", SEED, rebuilt.rejectedSamples())
                .isZero();
        assertThat(rebuilds.retiredSchemas()).containsExactly(rebuilt.retiredSchema());
        assertThat(dump().all())
                .as("seed %d: the rebuilt read model is row for row the live one", SEED)
                .isEqualTo(live);
        assertThat(rebuilds.verify().differences()).as("seed %d", SEED).isEmpty();
        // The next start of this service migrates (validates) the rebuilt schema like any other.
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/readmodel")
                .load();
        flyway.validate();
        assertThat(flyway.info().pending()).isEmpty();

        InboxRow wrong = someInboxRow(0);
        // In another conversation, so that repairing wrong's conversation leaves this one for the user repair.
        InboxRow missing = someInboxRowOutside(wrong.conversationId());
        ExtraRow extra = someUserOutsideSomeConversation();
        jdbc.getJdbcTemplate()
                .update(
                        "UPDATE user_inbox SET unread_count = unread_count + 7 WHERE user_id = ? AND conversation_id = ?",
                        wrong.userId(),
                        wrong.conversationId());
        jdbc.getJdbcTemplate()
                .update(
                        "DELETE FROM user_inbox WHERE user_id = ? AND conversation_id = ?",
                        missing.userId(),
                        missing.conversationId());
        jdbc.getJdbcTemplate()
                .update(
                        "INSERT INTO user_inbox (user_id, conversation_id, last_activity_at, last_seq, unread_count,"
                                + " last_read_seq) VALUES (?, ?, now(), 1, 1, 0)",
                        extra.userId(),
                        extra.conversationId());

        VerificationReport corrupted = rebuilds.verify();

        assertThat(corrupted.clean()).isFalse();
        assertThat(corrupted.differences())
                .extracting(Difference::table, Difference::kind, Difference::key)
                .as("seed %d", SEED)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                "user_inbox", Kind.CHANGED, key(wrong.userId(), wrong.conversationId())),
                        org.assertj.core.groups.Tuple.tuple(
                                "user_inbox", Kind.MISSING, key(missing.userId(), missing.conversationId())),
                        org.assertj.core.groups.Tuple.tuple(
                                "user_inbox", Kind.EXTRA, key(extra.userId(), extra.conversationId())));
        Difference changed = corrupted.differences().stream()
                .filter(d -> d.kind() == Kind.CHANGED)
                .findFirst()
                .orElseThrow();
        assertThat(changed.changedColumns()).containsExactly("unread_count");
        assertThat((Long) changed.live().get("unread_count")
                        - (Long) changed.rebuilt().get("unread_count"))
                .isEqualTo(7);

        PartialRebuildResult conversation = rebuilds.rebuildConversation(wrong.conversationId());
        assertThat(conversation.repaired())
                .extracting(Difference::kind, Difference::key)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Kind.CHANGED, key(wrong.userId(), wrong.conversationId())));
        PartialRebuildResult missingUser = rebuilds.rebuildUser(missing.userId());
        assertThat(missingUser.repaired())
                .extracting(Difference::kind, Difference::key)
                .contains(org.assertj.core.groups.Tuple.tuple(
                        Kind.MISSING, key(missing.userId(), missing.conversationId())));
        PartialRebuildResult extraUser = rebuilds.rebuildUser(extra.userId());
        assertThat(extraUser.repaired())
                .extracting(Difference::kind, Difference::key)
                .contains(org.assertj.core.groups.Tuple.tuple(Kind.EXTRA, key(extra.userId(), extra.conversationId())));

        assertThat(rebuilds.verify().differences()).isEmpty();
        assertThat(dump().all()).isEqualTo(live);
    }

    private record InboxRow(long userId, UUID conversationId) {}

    private record ExtraRow(long userId, UUID conversationId) {}

    private InboxRow someInboxRow(int offset) {
        return sql.sql(
                        "SELECT user_id, conversation_id FROM user_inbox ORDER BY conversation_id, user_id OFFSET ? LIMIT 1")
                .param(offset * 7)
                .query(InboxRow.class)
                .single();
    }

    private InboxRow someInboxRowOutside(UUID conversationId) {
        return sql.sql("SELECT user_id, conversation_id FROM user_inbox WHERE conversation_id <> ?"
                        + " ORDER BY conversation_id, user_id LIMIT 1")
                .param(conversationId)
                .query(InboxRow.class)
                .single();
    }

    private ExtraRow someUserOutsideSomeConversation() {
        return sql.sql(
                        """
                        SELECT u.user_id, c.conversation_id FROM conversation c
                          CROSS JOIN (SELECT DISTINCT user_id FROM conversation_member) u
                         WHERE NOT EXISTS (SELECT 1 FROM conversation_member m
                                            WHERE m.conversation_id = c.conversation_id AND m.user_id = u.user_id)
                         ORDER BY c.conversation_id DESC, u.user_id LIMIT 1
                        """)
                .query(ExtraRow.class)
                .single();
    }

    private static Map<String, Object> key(long userId, UUID conversationId) {
        return Map.of("user_id", userId, "conversation_id", conversationId.toString());
    }
}
