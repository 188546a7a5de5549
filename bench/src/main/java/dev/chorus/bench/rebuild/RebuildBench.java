package dev.chorus.bench.rebuild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.bench.report.MachineInfo;
import dev.chorus.bench.report.ReportWriter;
import dev.chorus.infra.EmbeddedPostgresServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Rebuild throughput: a generated history of N events in command-service's event-store layout,
 * rebuilt by projection-service's own command-line tool ({@code --chorus.tool=rebuild}, the shipped
 * jar as a child process), against a raw {@code COPY} of N inbox rows into the same PostgreSQL.
 */
@Command(
        name = "rebuild",
        mixinStandardHelpOptions = true,
        description = "Rebuild throughput: N generated events replayed by projection-service's rebuild tool,"
                + " compared with a raw COPY of N inbox rows on the same PostgreSQL.")
public final class RebuildBench implements Callable<Integer> {

    static final String EVENTS_DB = "chorus_events";
    static final String READ_DB = "chorus_read";

    @Option(
            names = "--events",
            defaultValue = "1000000",
            description = "events in the store (default ${DEFAULT-VALUE})")
    long events;

    @Option(names = "--users", defaultValue = "50000")
    int users;

    @Option(names = "--conversations", defaultValue = "20000")
    int conversations;

    @Option(names = "--large-groups", defaultValue = "2", description = "groups above the large-group threshold")
    int largeGroups;

    @Option(names = "--large-group-size", defaultValue = "1500")
    int largeGroupSize;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Option(
            names = "--projection-jar",
            defaultValue = "projection-service/target/projection-service-0.1.0-SNAPSHOT-exec.jar")
    Path projectionJar;

    @Option(
            names = "--event-store-ddl",
            defaultValue = "command-service/src/main/resources/db/migration/command/V1__axon_event_store.sql",
            description = "command-service's event-store migration (the layout the rebuild reads)")
    Path eventStoreDdl;

    @Option(names = "--tool-jvm-args", split = " ", defaultValue = "-Xms1g -Xmx2g -XX:+UseParallelGC")
    List<String> toolJvmArgs;

    @Option(
            names = "--tool-arg",
            description = "extra --key=value for the tool (repeatable), e.g. --chorus.rebuild.page-size=50000")
    List<String> toolArgs = new ArrayList<>();

    @Option(names = "--data-dir", defaultValue = "target/rebuild-bench")
    Path dataDir;

    @Option(names = "--out", description = "report directory (default bench/results)")
    Path out;

    @Option(names = "--name", defaultValue = "rebuild")
    String name;

    @Option(
            names = "--verify",
            negatable = true,
            defaultValue = "true",
            description = "run the tool's verify after the rebuild (recomputes and diffs every table; default true)")
    boolean verify;

    @Option(names = "--note", description = "a caveat for the report (repeatable)")
    List<String> notes = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(projectionJar)) {
            throw new IllegalStateException("No " + projectionJar + ": build it first with"
                    + " ./mvnw -B -q -pl projection-service -am package -DskipTests (or pass --projection-jar)");
        }
        double loadAtStart = MachineInfo.loadAverage();
        Files.createDirectories(dataDir);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("name", name);
        report.put("startedAt", Instant.now().toString());
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir.resolve("pg"), true, 0)) {
            pg.ensureDatabase(EVENTS_DB);
            pg.ensureDatabase(READ_DB);
            String eventsUrl = pg.jdbcUrl(EVENTS_DB);
            String readUrl = pg.jdbcUrl(READ_DB);
            Flyway.configure()
                    .dataSource(readUrl, pg.username(), pg.password())
                    .locations("classpath:db/migration/readmodel")
                    .load()
                    .migrate();

            EventStoreGenerator.Shape shape =
                    new EventStoreGenerator.Shape(events, users, conversations, largeGroups, largeGroupSize, seed);
            System.err.printf("[rebuild-bench] generating and loading %,d events%n", events);
            long loadStarted = System.nanoTime();
            EventStoreGenerator.Summary summary;
            try (Connection c = DriverManager.getConnection(eventsUrl, pg.username(), pg.password())) {
                try (Statement s = c.createStatement()) {
                    s.execute(Files.readString(eventStoreDdl));
                }
                summary = load(c, shape);
            }
            double loadSeconds = seconds(loadStarted);

            System.err.println("[rebuild-bench] running the rebuild tool");
            Path toolReport = dataDir.resolve("tool-report.json").toAbsolutePath();
            Files.deleteIfExists(toolReport);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(toolJvmArgs);
            command.add("-jar");
            command.add(projectionJar.toString());
            command.add("--chorus.tool=rebuild");
            command.add("--chorus.tool.report-file=" + toolReport);
            command.add("--spring.datasource.url=" + readUrl);
            command.add("--spring.datasource.username=" + pg.username());
            command.add("--spring.datasource.password=" + pg.password());
            command.add("--chorus.rebuild.event-store.url=" + eventsUrl);
            command.add("--chorus.rebuild.event-store.username=" + pg.username());
            command.add("--chorus.rebuild.event-store.password=" + pg.password());
            command.addAll(toolArgs);
            long toolStarted = System.nanoTime();
            int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
            double toolWallSeconds = seconds(toolStarted);
            if (exit != 0 || !Files.exists(toolReport)) {
                throw new IllegalStateException("The rebuild tool failed (exit " + exit + ")");
            }
            JsonNode tool = new ObjectMapper().readTree(toolReport.toFile());

            Map<String, Object> verification = null;
            if (verify) {
                System.err.println("[rebuild-bench] running the verify tool");
                Path verifyReport = dataDir.resolve("verify-report.json").toAbsolutePath();
                Files.deleteIfExists(verifyReport);
                List<String> verifyCommand = new ArrayList<>(command);
                verifyCommand.replaceAll(a -> a.equals("--chorus.tool=rebuild")
                        ? "--chorus.tool=verify"
                        : a.startsWith("--chorus.tool.report-file=") ? "--chorus.tool.report-file=" + verifyReport : a);
                long verifyStarted = System.nanoTime();
                int verifyExit =
                        new ProcessBuilder(verifyCommand).inheritIO().start().waitFor();
                double verifySeconds = seconds(verifyStarted);
                JsonNode verified =
                        Files.exists(verifyReport) ? new ObjectMapper().readTree(verifyReport.toFile()) : null;
                verification = new LinkedHashMap<>();
                verification.put("exitStatus", verifyExit);
                verification.put(
                        "clean", verified != null && verified.path("clean").asBoolean());
                verification.put(
                        "differences",
                        verified == null ? -1 : verified.path("differences").size());
                verification.put("processWallSeconds", round(verifySeconds));
            }

            Map<String, Long> readModel = counts(readUrl, pg);
            System.err.printf("[rebuild-bench] COPY of %,d inbox rows%n", events);
            Map<String, Double> copy = copyBaseline(readUrl, pg, events);

            double rebuildSeconds = tool.path("elapsedSeconds").asDouble();
            report.put("command", command());
            report.put("goal", "1,000,000 events rebuilt in under 120 s on this 2-core machine");
            report.put(
                    "settings",
                    Map.of(
                            "events", events,
                            "users", users,
                            "conversations", conversations,
                            "largeGroups", largeGroups + " x " + largeGroupSize + " members",
                            "seed", seed,
                            "toolJvmArgs", String.join(" ", toolJvmArgs),
                            "toolArgs", toolArgs));
            report.put(
                    "history",
                    Map.of(
                            "eventsByType", summary.byType(),
                            "payloadMiB", Math.round(summary.payloadBytes() / 1048576.0 * 10) / 10.0,
                            "generateAndLoadSeconds", round(loadSeconds)));
            report.put("readModelAfterRebuild", readModel);
            Map<String, Object> rebuild = new LinkedHashMap<>();
            rebuild.put("eventsReplayed", tool.path("eventsReplayed").asLong());
            rebuild.put("rebuildSeconds", round(rebuildSeconds));
            rebuild.put(
                    "eventsPerSecond", Math.round(tool.path("eventsReplayed").asLong() / rebuildSeconds));
            rebuild.put(
                    "replayPhaseEventsPerSecond", tool.path("eventsPerSecond").asLong());
            rebuild.put("phaseSeconds", new ObjectMapper().convertValue(tool.path("phaseSeconds"), Map.class));
            rebuild.put("toolProcessWallSeconds", round(toolWallSeconds));
            report.put("rebuild", rebuild);
            report.put("copyBaseline", copy);
            if (verification != null) {
                report.put("verification", verification);
            }
            report.put(
                    "ratios",
                    Map.of(
                            "rebuildOverCopyIntoUserInbox",
                                    round(rebuildSeconds / copy.get("copyIntoUserInboxSeconds")),
                            "rebuildOverCopyIntoBareTable",
                                    round(rebuildSeconds / copy.get("copyIntoBareTableSeconds"))));
            report.put("verdict", rebuildSeconds < 120 * events / 1_000_000.0 ? "MET" : "MISSED");
            report.put("machine", MachineInfo.detect(version(readUrl, pg), loadAtStart));
            report.put("notes", notes(loadAtStart));
        }
        write(report);
        return 0;
    }

    private EventStoreGenerator.Summary load(Connection c, EventStoreGenerator.Shape shape) throws SQLException {
        CopyIn copy = c.unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn("COPY domain_event_entry (global_index, aggregate_identifier, sequence_number, type,"
                        + " event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp)"
                        + " FROM STDIN");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 20);
        EventStoreGenerator.Summary summary;
        try {
            summary = new EventStoreGenerator(shape).generate(line -> {
                byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                buffer.write(bytes, 0, bytes.length);
                if (buffer.size() > (1 << 20)) {
                    flush(copy, buffer);
                }
            });
            flush(copy, buffer);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute(
                    "SELECT setval('domain_event_entry_global_index_seq', (SELECT max(global_index) FROM domain_event_entry))");
            s.execute("ANALYZE domain_event_entry");
        }
        return summary;
    }

    private static void flush(CopyIn copy, ByteArrayOutputStream buffer) {
        try {
            byte[] bytes = buffer.toByteArray();
            copy.writeToCopy(bytes, 0, bytes.length);
            buffer.reset();
        } catch (SQLException e) {
            throw new IllegalStateException("COPY into domain_event_entry failed", e);
        }
    }

    /** COPY of n generated inbox rows into user_inbox as migrated (primary key, two indexes) and into a bare copy. */
    private static Map<String, Double> copyBaseline(String url, EmbeddedPostgresServer pg, long n) throws SQLException {
        Flyway.configure()
                .dataSource(url, pg.username(), pg.password())
                .schemas("copy_baseline")
                .locations("classpath:db/migration/readmodel")
                .load()
                .migrate();
        List<byte[]> chunks = new ArrayList<>();
        StringBuilder b = new StringBuilder(1 << 20);
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (long i = 0; i < n; i++) {
            b.append(1 + (i % 50_000))
                    .append('\t')
                    .append(new UUID(random.nextLong(), random.nextLong()))
                    .append('\t')
                    .append("2025-06-01 12:00:00+00")
                    .append('\t')
                    .append(1 + random.nextInt(500))
                    .append('\t')
                    .append(random.nextInt(20))
                    .append('\t')
                    .append(random.nextInt(400))
                    .append('\t')
                    .append("\\N\n");
            if (b.length() > (1 << 20)) {
                chunks.add(b.toString().getBytes(StandardCharsets.UTF_8));
                b.setLength(0);
            }
        }
        chunks.add(b.toString().getBytes(StandardCharsets.UTF_8));
        Map<String, Double> result = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url, pg.username(), pg.password())) {
            try (Statement s = c.createStatement()) {
                s.execute(
                        "CREATE TABLE copy_baseline.user_inbox_bare (LIKE copy_baseline.user_inbox INCLUDING DEFAULTS)");
            }
            result.put("rows", (double) n);
            result.put("copyIntoUserInboxSeconds", round(copy(c, "copy_baseline.user_inbox", chunks)));
            result.put("copyIntoBareTableSeconds", round(copy(c, "copy_baseline.user_inbox_bare", chunks)));
            try (Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA copy_baseline CASCADE");
            }
        }
        return result;
    }

    private static double copy(Connection c, String table, List<byte[]> chunks) throws SQLException {
        long started = System.nanoTime();
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " FROM STDIN");
        for (byte[] chunk : chunks) {
            copy.writeToCopy(chunk, 0, chunk.length);
        }
        copy.endCopy();
        return seconds(started);
    }

    private static Map<String, Long> counts(String url, EmbeddedPostgresServer pg) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url, pg.username(), pg.password());
                Statement s = c.createStatement()) {
            for (String table :
                    List.of("conversation", "conversation_member", "message", "hidden_message", "user_inbox")) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    private static String version(String url, EmbeddedPostgresServer pg) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, pg.username(), pg.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private List<String> notes(double loadAtStart) {
        List<String> all = new ArrayList<>(notes);
        all.add("PostgreSQL is the embedded server the tests use (fsync=off, synchronous_commit=off,"
                + " full_page_writes=off, shared_buffers=256MB): durability costs are not in these numbers, for"
                + " the rebuild and the COPY alike.");
        all.add("Event store and read model are two databases of the same server, on the same 2 cores as the"
                + " rebuild tool's JVM.");
        int cores = Runtime.getRuntime().availableProcessors();
        if (loadAtStart > cores * 0.5) {
            all.add(String.format(
                    "The machine was busy when the run started (1-minute load average %.2f on %d cores): other"
                            + " processes competed for the CPU, so the times are pessimistic.",
                    loadAtStart, cores));
        }
        return all;
    }

    private String command() {
        return "./mvnw -B -q -pl projection-service -am package -DskipTests && ./bench/run.sh rebuild --events "
                + events + " --users " + users + " --conversations " + conversations
                + " --seed " + seed
                + (toolArgs.isEmpty() ? "" : " --tool-arg " + String.join(" --tool-arg ", toolArgs));
    }

    private void write(Map<String, Object> report) throws Exception {
        Path dir = out != null
                ? out
                : (Files.isDirectory(Path.of("bench")) ? Path.of("bench", "results") : Path.of("bench-results"));
        Files.createDirectories(dir);
        Path json = dir.resolve(name + ".json");
        ReportWriter.json().writeValue(json.toFile(), report);
        Path md = dir.resolve(name + ".md");
        Files.writeString(md, RebuildReport.markdown(report));
        System.out.println(Files.readString(md));
        System.out.println("Report: " + md.toAbsolutePath() + ", " + json.toAbsolutePath());
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
