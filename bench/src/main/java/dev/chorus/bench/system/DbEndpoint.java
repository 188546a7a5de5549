package dev.chorus.bench.system;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** JDBC coordinates of a database the bench reads or loads directly. */
public record DbEndpoint(String jdbcUrl, String username, String password) {

    public DbEndpoint {
        Loopback.requireJdbc(jdbcUrl);
    }

    /** A small pool; {@code size} connections are opened eagerly so the first measured call pays none. */
    public HikariDataSource pool(String name, int size) {
        return pool(name, size, java.util.Map.of());
    }

    /** A pool with extra pgjdbc connection properties, e.g. {@code prepareThreshold}. */
    public HikariDataSource pool(String name, int size, java.util.Map<String, String> properties) {
        HikariConfig config = new HikariConfig();
        properties.forEach(config::addDataSourceProperty);
        config.setPoolName("bench-" + name);
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(username);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setAutoCommit(true);
        return new HikariDataSource(config);
    }

    @Override
    public String toString() {
        return "DbEndpoint[" + jdbcUrl + ", user=" + username + "]";
    }
}
