package dev.chorus.testsupport;

import dev.chorus.infra.EmbeddedKafkaBroker;
import dev.chorus.infra.EmbeddedPostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The one way a test gets a real PostgreSQL and a real Kafka broker: containers when a Docker daemon
 * answers, otherwise the embedded servers (real PostgreSQL binaries, an in-process KRaft broker).
 * Started once per JVM and shared; each caller asks for its own fresh database.
 */
public final class TestInfrastructure {

    /** Connection details of one fresh database. */
    public record Database(String name, String jdbcUrl, String username, String password) {}

    private static volatile TestInfrastructure instance;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Backend backend;

    private TestInfrastructure(Backend backend) {
        this.backend = backend;
    }

    public static TestInfrastructure get() {
        if (instance == null) {
            synchronized (TestInfrastructure.class) {
                if (instance == null) {
                    Backend backend = dockerAvailable() ? new Containers() : new Embedded();
                    Runtime.getRuntime().addShutdownHook(new Thread(backend::close, "test-infrastructure-stop"));
                    instance = new TestInfrastructure(backend);
                }
            }
        }
        return instance;
    }

    public String bootstrapServers() {
        return backend.bootstrapServers();
    }

    /** A new empty database whose name starts with {@code prefix}. */
    public Database newDatabase(String prefix) {
        String name = (prefix + "_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet())
                .toLowerCase()
                .replaceAll("[^a-z0-9_]", "_");
        return backend.createDatabase(name);
    }

    /** "containers" or "embedded": which kind of servers this run uses. */
    public String kind() {
        return backend instanceof Containers ? "containers" : "embedded";
    }

    private static boolean dockerAvailable() {
        if (Boolean.getBoolean("chorus.test.embedded")) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private sealed interface Backend permits Containers, Embedded {
        String bootstrapServers();

        Database createDatabase(String name);

        void close();
    }

    private static final class Embedded implements Backend {
        private final EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(null, true, 0);
        private final EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(null, true, 0, 4);

        @Override
        public String bootstrapServers() {
            return kafka.bootstrapServers();
        }

        @Override
        public Database createDatabase(String name) {
            postgres.ensureDatabase(name);
            return new Database(name, postgres.jdbcUrl(name), postgres.username(), postgres.password());
        }

        @Override
        public void close() {
            kafka.close();
            postgres.close();
        }
    }

    private static final class Containers implements Backend {
        private final PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>("postgres:17-alpine");
        private final KafkaContainer kafka = new KafkaContainer("apache/kafka:3.9.1");

        Containers() {
            postgres.start();
            kafka.start();
        }

        @Override
        public String bootstrapServers() {
            return kafka.getBootstrapServers();
        }

        @Override
        public Database createDatabase(String name) {
            try (Connection c = DriverManager.getConnection(
                    postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword())) {
                c.createStatement().execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot create database " + name, e);
            }
            String url = postgres.getJdbcUrl().replace("/" + postgres.getDatabaseName(), "/" + name);
            return new Database(name, url, postgres.getUsername(), postgres.getPassword());
        }

        @Override
        public void close() {
            kafka.stop();
            postgres.stop();
        }
    }
}
