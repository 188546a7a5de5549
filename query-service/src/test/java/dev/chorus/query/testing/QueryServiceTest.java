package dev.chorus.query.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.chorus.testsupport.TestInfrastructure;
import dev.chorus.web.DevTokens;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Base of every Spring test here: the whole service on a random port over one real PostgreSQL
 * database (created once per JVM, schema by the read model's own Flyway migrations), so all test
 * classes share one application context. Tests isolate themselves by using fresh user ids and
 * conversations ({@link ReadModelFixture}). The service's own connections are read-only; the fixture
 * writes through a separate pool, as projection-service would.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "chorus.security.jwt-secret=" + QueryServiceTest.JWT_SECRET,
            // Production leaves the schema to projection-service; tests build it from the same migrations.
            "spring.flyway.enabled=true",
            "spring.flyway.locations=classpath:db/migration/readmodel",
        })
// Metrics export (the Prometheus endpoint) is off in Spring tests unless asked for.
@AutoConfigureObservability(tracing = false)
public abstract class QueryServiceTest {

    public static final String JWT_SECRET = "query-service-tests-only-secret-0123456789abcdef";
    protected static final DevTokens TOKENS = new DevTokens(JWT_SECRET);

    private static final TestInfrastructure.Database DATABASE =
            TestInfrastructure.get().newDatabase("query_service");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DATABASE::jdbcUrl);
        registry.add("spring.datasource.username", DATABASE::username);
        registry.add("spring.datasource.password", DATABASE::password);
        // The service's pool is read-only: Flyway migrates through its own connection.
        registry.add("spring.flyway.url", DATABASE::jdbcUrl);
        registry.add("spring.flyway.user", DATABASE::username);
        registry.add("spring.flyway.password", DATABASE::password);
    }

    @LocalServerPort
    private int port;

    protected HttpApi api;
    protected ReadModelFixture readModel;

    @BeforeEach
    void connect() {
        api = new HttpApi(port);
        readModel = new ReadModelFixture(ProjectionWriter.JDBC, ProjectionWriter.TRANSACTION);
    }

    /** Writes to the read model the way projection-service does (the service itself cannot). */
    protected static JdbcClient projectionWriter() {
        return ProjectionWriter.JDBC;
    }

    protected static String token(long userId) {
        return TOKENS.forUser(userId);
    }

    protected static long newUser() {
        return ReadModelFixture.newUser();
    }

    private static final class ProjectionWriter {
        private static final HikariDataSource DATA_SOURCE = dataSource();
        static final JdbcClient JDBC = JdbcClient.create(DATA_SOURCE);
        static final TransactionTemplate TRANSACTION =
                new TransactionTemplate(new DataSourceTransactionManager(DATA_SOURCE));

        private static HikariDataSource dataSource() {
            HikariConfig config = new HikariConfig();
            config.setPoolName("test-projection-writer");
            config.setJdbcUrl(DATABASE.jdbcUrl());
            config.setUsername(DATABASE.username());
            config.setPassword(DATABASE.password());
            config.setMaximumPoolSize(4);
            return new HikariDataSource(config);
        }
    }
}
