package dev.chorus.query.testing;

import dev.chorus.testsupport.TestInfrastructure;
import dev.chorus.web.DevTokens;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Base of every Spring test here: the whole service on a random port over one real PostgreSQL
 * database (created once per JVM, schema by the read model's own Flyway migrations), so all test
 * classes share one application context. Tests isolate themselves by using fresh user ids and
 * conversations ({@link ReadModelFixture}).
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
    }

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private TransactionTemplate transaction;

    protected HttpApi api;
    protected ReadModelFixture readModel;

    @BeforeEach
    void connect() {
        api = new HttpApi(port);
        readModel = new ReadModelFixture(jdbc, transaction);
    }

    protected static String token(long userId) {
        return TOKENS.forUser(userId);
    }

    protected static long newUser() {
        return ReadModelFixture.newUser();
    }
}
