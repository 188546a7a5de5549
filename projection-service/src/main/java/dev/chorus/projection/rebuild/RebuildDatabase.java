package dev.chorus.projection.rebuild;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A separate small pool to the read-model database for rebuilds, so bulk work never starves the
 * live projection's pool and can use bulk settings: asynchronous commit (a crash loses at most the
 * last moments of a rebuild, which is then simply run again; the switch and repairs commit
 * synchronously) and multi-row inserts from JDBC batches.
 */
public class RebuildDatabase implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    RebuildDatabase(DataSourceProperties readModel) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("read-model-rebuild");
        config.setJdbcUrl(readModel.determineUrl());
        config.setUsername(readModel.determineUsername());
        config.setPassword(readModel.determinePassword());
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(0);
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.setConnectionInitSql("SET synchronous_commit = off");
        this.dataSource = new HikariDataSource(config);
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** A new connection outside the pool (a session whose end the caller controls). */
    Connection openSession() throws SQLException {
        return DriverManager.getConnection(dataSource.getJdbcUrl(), dataSource.getUsername(), dataSource.getPassword());
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public NamedParameterJdbcTemplate jdbc() {
        return jdbc;
    }

    public JdbcTemplate plain() {
        return jdbc.getJdbcTemplate();
    }

    public TransactionTemplate transactions() {
        return transactions;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
