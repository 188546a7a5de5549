package dev.chorus.bench.system;

import dev.chorus.infra.EmbeddedPostgresServer;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;

/**
 * No services, only an embedded PostgreSQL with the read-model schema migrated by the same Flyway
 * scripts projection-service uses. For runs of the SQL-level workloads and baselines alone (and for
 * this module's tests); the HTTP workloads are skipped.
 */
public final class DatabaseOnlySystem implements SystemHandle {

    public static final String DATABASE = "chorus_read";

    private final EmbeddedPostgresServer postgres;
    private final SystemUnderTest system;

    private DatabaseOnlySystem(EmbeddedPostgresServer postgres) {
        this.postgres = postgres;
        DbEndpoint db = new DbEndpoint(postgres.jdbcUrl(DATABASE), postgres.username(), postgres.password());
        migrate(db);
        this.system = new SystemUnderTest(
                "embedded PostgreSQL with the read-model schema only (no services)", null, null, null, db, null);
    }

    public static DatabaseOnlySystem start(Path dataDir) {
        EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir, true, 0);
        try {
            pg.ensureDatabase(DATABASE);
            return new DatabaseOnlySystem(pg);
        } catch (RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    /** Applies the read-model migrations (idempotent). */
    public static void migrate(DbEndpoint db) {
        Flyway.configure()
                .dataSource(db.jdbcUrl(), db.username(), db.password())
                .locations("classpath:db/migration/readmodel")
                .load()
                .migrate();
    }

    @Override
    public SystemUnderTest system() {
        return system;
    }

    @Override
    public void close() {
        postgres.close();
    }
}
