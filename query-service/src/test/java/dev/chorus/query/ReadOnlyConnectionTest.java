package dev.chorus.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.query.testing.QueryServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The service's database connections cannot write, whatever a future query tries. */
class ReadOnlyConnectionTest extends QueryServiceTest {

    @Autowired
    private JdbcClient jdbc;

    @Test
    void a_write_through_the_service_pool_is_refused_by_postgresql() {
        assertThatThrownBy(() ->
                        jdbc.sql("DELETE FROM user_inbox WHERE user_id = -1").update())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("read-only transaction");
        assertThat(jdbc.sql("SELECT 1").query(Integer.class).single()).isEqualTo(1);
    }
}
