package dev.chorus.projection.rebuild;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

/** Schema-level operations of rebuilds on the read-model database. Names are checked identifiers. */
final class Schemas {

    static final String FLYWAY_HISTORY = "flyway_schema_history";
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final RebuildDatabase db;
    private final JdbcTemplate jdbc;

    Schemas(RebuildDatabase db) {
        this.db = db;
        this.jdbc = db.plain();
    }

    static String checked(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain lower-case identifier: " + name);
        }
        return name;
    }

    boolean exists(String schema) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?)", Boolean.class, schema));
    }

    List<String> startingWith(String prefix) {
        return jdbc.queryForList(
                "SELECT nspname FROM pg_namespace WHERE starts_with(nspname, ?) ORDER BY nspname",
                String.class,
                prefix);
    }

    /** Creates the schema and runs the read model's Flyway migrations in it (history table included). */
    void createAndMigrate(String schema) {
        jdbc.execute("CREATE SCHEMA " + checked(schema));
        Flyway.configure()
                .dataSource(db.dataSource())
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(false)
                .locations("classpath:db/migration/readmodel")
                .load()
                .migrate();
    }

    /** Creates the schema with the migrations unless it exists (the repair scratch schema is reused). */
    void ensureMigrated(String schema) {
        if (!exists(schema)) {
            createAndMigrate(schema);
        } else {
            Flyway.configure()
                    .dataSource(db.dataSource())
                    .schemas(schema)
                    .defaultSchema(schema)
                    .locations("classpath:db/migration/readmodel")
                    .load()
                    .migrate();
        }
    }

    void drop(String schema) {
        jdbc.execute("DROP SCHEMA IF EXISTS " + checked(schema) + " CASCADE");
    }

    /** The read model's tables in the schema (not Flyway's), the conversation heads first. */
    List<String> tables(String schema) {
        List<String> tables = new ArrayList<>(jdbc.queryForList(
                "SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = ? AND table_type = 'BASE TABLE' AND table_name <> ?"
                        + " ORDER BY table_name",
                String.class,
                schema,
                FLYWAY_HISTORY));
        // The live projector locks conversation rows first; locking in the same order cannot deadlock.
        tables.sort(Comparator.comparing((String t) -> !t.equals("conversation")));
        return tables;
    }

    /** Drops these indexes (where present) and returns the statements that recreate them. */
    List<String> dropIndexes(String schema, List<String> names) {
        List<String> definitions = new ArrayList<>();
        jdbc.query(
                "SELECT c.relname, pg_get_indexdef(c.oid) FROM pg_class c"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = ? AND c.relkind = 'i' AND c.relname = ANY (?)"
                        // never one that backs a constraint (primary keys, unique keys)
                        + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = c.oid)",
                rs -> {
                    jdbc.execute("DROP INDEX " + checked(schema) + "." + checked(rs.getString(1)));
                    definitions.add(rs.getString(2));
                },
                schema,
                names.toArray(String[]::new));
        return definitions;
    }

    /** Builds the indexes one by one; returns each one's build time (the statement, in seconds). */
    Map<String, Double> createIndexes(List<String> definitions, String maintenanceWorkMem) {
        if (!maintenanceWorkMem.matches("[0-9]+\\s*(kB|MB|GB)")) {
            throw new IllegalArgumentException("Not a memory size like 512MB: " + maintenanceWorkMem);
        }
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (String definition : definitions) {
            long started = System.nanoTime();
            db.transactions().executeWithoutResult(status -> {
                jdbc.execute("SET LOCAL maintenance_work_mem = '" + maintenanceWorkMem + "'");
                jdbc.execute(definition);
            });
            seconds.put(definition, Math.round((System.nanoTime() - started) / 1e7) / 100.0);
        }
        return seconds;
    }

    /** Fresh statistics, so the planner serves the new tables well from the first query after the switch. */
    void analyze(String schema) {
        for (String table : tables(schema)) {
            jdbc.execute("ANALYZE " + checked(schema) + "." + checked(table));
        }
    }

    /**
     * Grants the privileges others hold on {@code from} (schema, tables, views) on the same objects
     * of {@code to}: a read-only role of query-service keeps working after the switch.
     */
    void copyGrants(String from, String to) {
        List<String> grants = new ArrayList<>();
        grants.addAll(jdbc.queryForList(
                """
                SELECT format('GRANT %s ON SCHEMA %I TO %s', a.privilege_type, ?::text,
                              CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(r.rolname) END)
                  FROM pg_namespace n
                  CROSS JOIN LATERAL aclexplode(n.nspacl) a
                  LEFT JOIN pg_roles r ON r.oid = a.grantee
                 WHERE n.nspname = ? AND a.grantee <> n.nspowner
                """,
                String.class, to, from));
        grants.addAll(jdbc.queryForList(
                """
                SELECT format('GRANT %s ON TABLE %I.%I TO %s', a.privilege_type, ?::text, c.relname,
                              CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(r.rolname) END)
                  FROM pg_class c
                  JOIN pg_namespace n ON n.oid = c.relnamespace
                  CROSS JOIN LATERAL aclexplode(c.relacl) a
                  LEFT JOIN pg_roles r ON r.oid = a.grantee
                 WHERE n.nspname = ? AND c.relkind IN ('r', 'v', 'm') AND a.grantee <> c.relowner
                   AND EXISTS (SELECT 1 FROM pg_class c2 JOIN pg_namespace n2 ON n2.oid = c2.relnamespace
                                WHERE n2.nspname = ? AND c2.relname = c.relname)
                """,
                String.class, to, from, to));
        grants.forEach(jdbc::execute);
    }

    /** Inside the caller's transaction: the live schema becomes {@code retired}, {@code fresh} the live one. */
    void swap(String live, String fresh, String retired) {
        jdbc.execute("ALTER SCHEMA " + checked(live) + " RENAME TO " + checked(retired));
        jdbc.execute("ALTER SCHEMA " + checked(fresh) + " RENAME TO " + checked(live));
    }
}
