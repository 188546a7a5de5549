package dev.chorus.bench.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;

/** The bench must measure the SQL query-service actually runs, not a stale copy of it. */
class ChorusQueriesTest {

    private static String constant(String className, String field) throws Exception {
        Field f = Class.forName(className).getDeclaredField(field);
        f.setAccessible(true);
        return (String) f.get(null);
    }

    private static String normalized(String sql) {
        return sql.replaceAll("\\s+", " ").trim();
    }

    @Test
    void inboxFirstPageIsQueryServicesStatement() throws Exception {
        assertThat(normalized(ChorusQueries.INBOX_FIRST_PAGE))
                .isEqualTo(normalized(constant("dev.chorus.query.inbox.InboxQuery", "FIRST_PAGE_SQL")));
    }

    @Test
    void historyPageIsQueryServicesStatement() throws Exception {
        assertThat(normalized(ChorusQueries.HISTORY_NEWEST_FIRST))
                .isEqualTo(normalized(constant("dev.chorus.query.history.HistoryQuery", "NEWEST_FIRST_SQL")));
    }
}
