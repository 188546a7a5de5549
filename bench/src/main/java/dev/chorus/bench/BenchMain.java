package dev.chorus.bench;

import dev.chorus.bench.report.BenchReport;
import dev.chorus.bench.report.Goal;
import dev.chorus.bench.report.MachineInfo;
import dev.chorus.bench.report.ReportBuilder;
import dev.chorus.bench.report.ReportWriter;
import dev.chorus.bench.system.DatabaseOnlySystem;
import dev.chorus.bench.system.DbEndpoint;
import dev.chorus.bench.system.DevStackSystem;
import dev.chorus.bench.system.RunningSystem;
import dev.chorus.bench.system.SystemHandle;
import dev.chorus.bench.system.SystemUnderTest;
import dev.chorus.bench.workload.BenchContext;
import dev.chorus.bench.workload.Workload;
import dev.chorus.bench.workload.WorkloadRegistry;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The benchmark's command line: start (or target) the system, run the workloads, write the report. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        subcommands = dev.chorus.bench.rebuild.RebuildBench.class,
        description = "Chorus benchmark: write fan-out and inbox/history reads against the seed designs' baselines.")
public final class BenchMain implements Callable<Integer> {

    enum SystemKind {
        devstack,
        running,
        db_only
    }

    @Option(
            names = "--profile",
            defaultValue = "quick",
            description = "quick (seconds of load) or full (the committed report)")
    String profile;

    @Option(names = "--name", description = "report file name without extension (default bench-<profile>)")
    String name;

    @Option(
            names = "--out",
            description = "report directory (default bench/results, or ./bench-results outside the repository)")
    Path out;

    @Option(names = "--workloads", split = ",", description = "comma-separated, default all: ${COMPLETION-CANDIDATES}")
    List<String> workloads = new ArrayList<>();

    @Option(
            names = "--system",
            description = "devstack (start everything, default), running (see --target-url) or db_only")
    SystemKind systemKind;

    @Option(
            names = "--target-url",
            description =
                    "a running system on this machine, e.g. http://localhost: command :8081, query :8082, projection :8083")
    URI targetUrl;

    @Option(names = "--command-url")
    URI commandUrl;

    @Option(names = "--query-url")
    URI queryUrl;

    @Option(names = "--projection-url")
    URI projectionUrl;

    @Option(
            names = "--read-model-jdbc-url",
            description = "the running system's read-model database (also hosts the baselines)")
    String readModelJdbcUrl;

    @Option(names = "--db-user", defaultValue = "postgres")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "postgres")
    String dbPassword;

    @Option(
            names = "--jwt-secret",
            description = "the running system's CHAT_JWT_SECRET (default: that environment variable)")
    String jwtSecret;

    @Option(
            names = "--write-phase",
            description = "replaces the profile's write phases: size:groups:rate:seconds (repeatable)")
    List<String> writePhases = new ArrayList<>();

    @Option(names = "--concurrency", split = ",", description = "replaces the profile's read concurrencies")
    List<Integer> concurrencies = new ArrayList<>();

    @Option(names = "--service-env", description = "extra KEY=VALUE for the services dev-stack starts (repeatable)")
    Map<String, String> serviceEnv = new LinkedHashMap<>();

    @Option(
            names = "--service-jvm-args",
            split = " ",
            defaultValue = "-Xms256m -Xmx768m -XX:+UseSerialGC -Xss512k",
            description = "JVM options of each service dev-stack starts (default favours throughput over start-up)")
    List<String> serviceJvmArgs;

    @Option(names = "--kafka-partitions", defaultValue = "8")
    int kafkaPartitions;

    @Option(
            names = "--services-dir",
            description = "directory with <module>.jar of the three services (default: dev-stack's search)")
    Path servicesDir;

    @Option(names = "--data-dir", defaultValue = "target/bench-stack", description = "dev-stack data (wiped first)")
    Path dataDir;

    @Option(
            names = "--note",
            description = "a caveat to print in the report, e.g. that the machine was shared (repeatable)")
    List<String> notes = new ArrayList<>();

    private final String[] args;

    BenchMain(String[] args) {
        this.args = args;
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(new CommandLine(new BenchMain(args))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Profile p = Profile.named(profile);
        if (!writePhases.isEmpty()) {
            p = p.withWritePhases(
                    writePhases.stream().map(Profile.WritePhase::parse).toList());
        }
        if (!concurrencies.isEmpty()) {
            p = p.withConcurrencies(concurrencies);
        }
        String reportName = name != null ? name : "bench-" + p.name();
        Path outDir = out != null
                ? out
                : (Files.isDirectory(Path.of("bench")) ? Path.of("bench", "results") : Path.of("bench-results"));
        List<Workload> selected = WorkloadRegistry.standard().select(workloads);

        double loadAtStart = MachineInfo.loadAverage();
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        ReportBuilder report = new ReportBuilder();
        notes.forEach(report::note);
        int cores = Runtime.getRuntime().availableProcessors();
        if (loadAtStart > cores * 0.5) {
            report.note(String.format(
                    "The machine was busy when the run started (1-minute load average %.2f on %d"
                            + " cores): other processes competed for the CPU, so latencies are pessimistic.",
                    loadAtStart, cores));
        }
        LoadSampler load = LoadSampler.start();
        try (SystemHandle handle = startSystem()) {
            SystemUnderTest system = handle.system();
            settings(report, p, system, selected);
            try (BenchContext ctx = new BenchContext(p, system, report)) {
                String pgVersion = postgresVersion(ctx);
                for (Workload w : selected) {
                    var skip = w.skipReason(ctx);
                    if (skip.isPresent()) {
                        report.note("Workload " + w.id() + " skipped: " + skip.get());
                        continue;
                    }
                    System.err.println("[bench] workload " + w.id() + ": " + w.description());
                    try {
                        w.run(ctx);
                    } catch (Exception | AssertionError e) {
                        e.printStackTrace();
                        report.note("Workload " + w.id() + " FAILED: " + e);
                    }
                }
                Verdicts.compute(report);
                load.stop();
                report.setting(
                        "1-minute load average during the run (min / median / max, sampled every 5 s)", load.summary());
                if (load.max() > cores) {
                    report.note(String.format(
                            "The 1-minute load average reached %.1f on %d cores during the run (median"
                                    + " %.1f): processes outside the benchmark competed for the CPU, so these figures are"
                                    + " pessimistic and noisy.",
                            load.max(), cores, load.median()));
                }
                BenchReport r = report.build(
                        reportName,
                        p.name(),
                        command(),
                        startedAt,
                        (System.nanoTime() - started) / 1e9,
                        MachineInfo.detect(pgVersion, loadAtStart));
                List<Path> files = ReportWriter.write(r, outDir);
                summary(r, files);
            }
        }
        return 0;
    }

    private SystemHandle startSystem() {
        SystemKind kind = systemKind != null
                ? systemKind
                : (targetUrl != null || commandUrl != null || readModelJdbcUrl != null
                        ? SystemKind.running
                        : SystemKind.devstack);
        switch (kind) {
            case running: {
                if (readModelJdbcUrl == null) {
                    throw new CommandLine.ParameterException(
                            new CommandLine(this),
                            "--read-model-jdbc-url is required with a running system (visibility and the baselines use it)");
                }
                URI base = targetUrl;
                URI command = commandUrl != null ? commandUrl : base == null ? null : withPort(base, 8081);
                URI query = queryUrl != null ? queryUrl : base == null ? null : withPort(base, 8082);
                URI projection = projectionUrl != null ? projectionUrl : base == null ? null : withPort(base, 8083);
                String secret = jwtSecret != null ? jwtSecret : System.getenv("CHAT_JWT_SECRET");
                return new RunningSystem(new SystemUnderTest(
                        "a running system at " + command + " / " + query,
                        command,
                        query,
                        projection,
                        new DbEndpoint(readModelJdbcUrl, dbUser, dbPassword),
                        secret));
            }
            case db_only:
                return DatabaseOnlySystem.start(dataDir.resolve("pg"));
            default:
                return DevStackSystem.start(dataDir, servicesDir, kafkaPartitions, serviceJvmArgs, serviceEnv);
        }
    }

    private static URI withPort(URI base, int port) {
        return URI.create(base.getScheme() + "://" + base.getHost() + ":" + port);
    }

    private void settings(ReportBuilder report, Profile p, SystemUnderTest system, List<Workload> selected) {
        report.setting("system", system.description());
        report.setting("workloads", selected.stream().map(Workload::id).toList());
        report.setting(
                "write phases (size x groups @ rate for duration)",
                p.writePhases().stream()
                        .map(w -> w.groupSize() + " x " + w.groups() + " @ " + w.rate() + "/s for "
                                + w.duration().toSeconds() + " s")
                        .toList());
        report.setting("visibility samples per group", p.visibilitySamplesPerGroup());
        report.setting("visibility poll interval (ms)", p.pollInterval().toMillis());
        report.setting(
                "naive baseline writers / time cap (s)",
                p.naiveWriters() + " / " + p.naiveMaxDuration().toSeconds());
        report.setting("read data", p.readData());
        report.setting("read concurrencies", p.concurrencies());
        report.setting(
                "read cell warm-up / measured (ms)",
                p.cellWarmup().toMillis() + " / " + p.cellMeasure().toMillis());
        if (system.commandUrl() != null && systemKind != SystemKind.running && targetUrl == null) {
            report.setting("service JVM options", String.join(" ", serviceJvmArgs));
            report.setting("service extra environment", serviceEnv);
            report.setting("Kafka partitions", kafkaPartitions);
        }
        report.setting(
                "bench JVM",
                ProcessHandle.current()
                                .info()
                                .arguments()
                                .map(a -> "pid " + ProcessHandle.current().pid())
                                .orElse("") + " "
                        + java.lang.management.ManagementFactory.getRuntimeMXBean()
                                .getInputArguments());
    }

    private static String postgresVersion(BenchContext ctx) {
        try (Connection c = ctx.readModel().getConnection();
                Statement s = c.createStatement();
                // The durability settings change every write figure, so the report carries them.
                ResultSet rs = s.executeQuery("SELECT current_setting('server_version') || ' (fsync='"
                        + " || current_setting('fsync') || ', synchronous_commit='"
                        + " || current_setting('synchronous_commit') || ', full_page_writes='"
                        + " || current_setting('full_page_writes') || ', shared_buffers='"
                        + " || current_setting('shared_buffers') || ')'")) {
            rs.next();
            return rs.getString(1);
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private String command() {
        List<String> safe = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            safe.add(args[i]);
            if ((args[i].equals("--jwt-secret") || args[i].equals("--db-password")) && i + 1 < args.length) {
                safe.add("<hidden>");
                i++;
            }
        }
        return "java -jar bench/target/bench-0.1.0-SNAPSHOT-exec.jar " + String.join(" ", safe);
    }

    private static void summary(BenchReport r, List<Path> files) {
        System.out.println();
        System.out.println("Goals:");
        for (Goal g : r.goals()) {
            System.out.println("  [" + g.verdict() + "] " + g.goal() + ": " + g.actual()
                    + (g.note().isEmpty() ? "" : " -- " + g.note()));
        }
        if (!r.notes().isEmpty()) {
            System.out.println("Notes:");
            r.notes().forEach(n -> System.out.println("  - " + n));
        }
        System.out.println("Report:");
        files.forEach(f -> System.out.println("  " + f.toAbsolutePath()));
    }
}
