package dev.chorus.bench.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamedSqlTest {

    @Test
    void replacesNamedParametersInOrderAndLeavesCastsAlone() {
        NamedSql sql = NamedSql.of("SELECT NULL::integer, :a FROM t WHERE x = :b AND y = :a AND z = '10:30'::time");

        assertThat(sql.jdbc()).isEqualTo("SELECT NULL::integer, ? FROM t WHERE x = ? AND y = ? AND z = '10:30'::time");
        assertThat(sql.parameterOrder()).isEqualTo(List.of("a", "b", "a"));
    }

    @Test
    void theSystemsQueriesTranslate() {
        assertThat(NamedSql.of(ChorusQueries.INBOX_FIRST_PAGE).parameterOrder()).containsOnly("userId", "fetch");
        assertThat(NamedSql.of(ChorusQueries.HISTORY_NEWEST_FIRST).parameterOrder())
                .containsExactlyInAnyOrder("conversationId", "afterSeq", "beforeSeq", "userId", "fetch");
        assertThat(NamedSql.of(ChorusQueries.INBOX_FIRST_PAGE).jdbc())
                .doesNotContain(":userId")
                .contains("NULL::integer");
    }

    @Test
    void bindingWithoutAValueNamesIt() {
        NamedSql sql = NamedSql.of("SELECT :missing");
        assertThatThrownBy(() -> sql.bind(null, java.util.Map.of())).hasMessageContaining(":missing");
    }
}
