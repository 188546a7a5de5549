package dev.chorus.devstack;

import dev.chorus.devstack.StackListener.ComponentStatus;
import dev.chorus.infra.EmbeddedKafkaBroker;
import dev.chorus.infra.EmbeddedPostgresServer;
import dev.chorus.infra.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system on this machine: an embedded PostgreSQL (databases {@value #EVENTS_DATABASE} and
 * {@value #READ_DATABASE}), an in-process KRaft Kafka broker, and command-, query- and projection-service
 * as separate JVMs started from their exec jars with the same environment variables production uses.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.start(Options.ephemeral(dir), StackListener.SILENT)) {
 *     URI api = stack.apiUrl(ChorusService.COMMAND);
 *     String token = stack.tokens().mint(1);
 * }
 * }</pre>
 *
 * {@link #close()} stops the services (graceful, then forced), the broker and PostgreSQL, in that order.
 */
public final class LocalStack implements AutoCloseable {

    public static final String EVENTS_DATABASE = "chorus_events";
    public static final String READ_DATABASE = "chorus_read";

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Options options;
    private final Path dataDir;
    private final String jwtSecret;
    private final StaleProcesses pidFiles;
    private final Map<ChorusService, Integer> ports = new EnumMap<>(ChorusService.class);
    private final Map<ChorusService, ChildProcess> children = new EnumMap<>(ChorusService.class);
    private final AtomicBoolean closed = new AtomicBoolean();
    private EmbeddedPostgresServer postgres;
    private EmbeddedKafkaBroker kafka;
    private Duration startupTime;
    private Instant readyAt;

    private LocalStack(Options options, String jwtSecret) {
        this.options = options;
        this.dataDir = options.dataDir().toAbsolutePath().normalize();
        this.jwtSecret = jwtSecret;
        this.pidFiles = new StaleProcesses(dataDir);
    }

    /**
     * Starts everything and returns when every service reports ready.
     *
     * @throws StartupException if a port is taken, a jar is missing, a service dies or is not ready in time;
     *     whatever had started is stopped again
     */
    public static LocalStack start(Options options, StackListener listener) {
        long began = System.nanoTime();
        Map<ChorusService, Path> jars = ServiceJars.locate(options.servicesDir());
        Path dataDir = options.dataDir().toAbsolutePath().normalize();
        StaleProcesses pidFiles = new StaleProcesses(dataDir);
        Optional<ProcessHandle> owner = pidFiles.liveOwner();
        if (owner.isPresent() && owner.get().pid() != ProcessHandle.current().pid()) {
            throw new StartupException("Another dev-stack (pid " + owner.get().pid() + ") is running on " + dataDir
                    + ". Stop it first (Ctrl-C in its terminal, or kill "
                    + owner.get().pid()
                    + "), or use another --data-dir.");
        }
        List<String> leftovers = pidFiles.stopLeftovers(dataDir.resolve("pg"));
        if (!leftovers.isEmpty()) {
            log.warn("Stopped processes an earlier run left behind: {}", leftovers);
        }
        if (options.reset()) {
            wipe(dataDir);
        }
        String secret;
        if (options.jwtSecret() != null) {
            JwtSecrets.requireStrong(options.jwtSecret(), "the options");
            secret = options.jwtSecret();
        } else {
            secret = JwtSecrets.loadOrCreate(dataDir);
        }
        LocalStack stack = new LocalStack(options, secret);
        pidFiles.record(StaleProcesses.OWNER, ProcessHandle.current());
        try {
            stack.resolvePorts();
            stack.startServers(listener);
            stack.startServices(jars, listener);
            stack.awaitReady(listener);
            stack.startupTime = Duration.ofNanos(System.nanoTime() - began);
            stack.readyAt = Instant.now();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void resolvePorts() {
        for (ChorusService service : ChorusService.values()) {
            int requested = options.port(service);
            if (requested == 0) {
                ports.put(service, FreePorts.next());
            } else {
                requireFree(
                        requested,
                        service.artifactId(),
                        "--" + service.artifactId().replace("-service", "") + "-port");
                ports.put(service, requested);
            }
        }
        if (options.postgresPort() != 0) {
            requireFree(options.postgresPort(), "PostgreSQL", "--postgres-port");
        }
        if (options.kafkaPort() != 0) {
            requireFree(options.kafkaPort(), "Kafka", "--kafka-port");
        }
    }

    private static void requireFree(int port, String what, String option) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new StartupException("Port " + port + " for " + what + " is already in use (another dev-stack"
                    + " still running?). Stop it, or choose another port with " + option + " <port> (0 = any"
                    + " free port).");
        }
    }

    private void startServers(StackListener listener) {
        listener.onStatus("postgres", ComponentStatus.STARTING);
        postgres = EmbeddedPostgresServer.start(dataDir.resolve("pg"), false, options.postgresPort());
        postgres.ensureDatabase(EVENTS_DATABASE);
        postgres.ensureDatabase(READ_DATABASE);
        listener.onStatus("postgres", ComponentStatus.READY);
        listener.onStatus("kafka", ComponentStatus.STARTING);
        kafka = EmbeddedKafkaBroker.start(
                dataDir.resolve("kafka"), false, options.kafkaPort(), options.kafkaPartitions());
        listener.onStatus("kafka", ComponentStatus.READY);
    }

    private void startServices(Map<ChorusService, Path> jars, StackListener listener) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (ChorusService service : ChorusService.values()) {
            List<String> command = new ArrayList<>();
            command.add(java);
            command.addAll(options.serviceJvmArgs());
            // A marker that says which stack started this JVM (handy with ps, and for orphan checks).
            command.add("-Dchorus.devstack.data-dir=" + dataDir);
            command.add("-jar");
            command.add(jars.get(service).toString());
            ChildProcess child = ChildProcess.start(
                    service.artifactId(),
                    command,
                    environment(service),
                    logFile(service),
                    baseUrl(service).resolve("/actuator/health/readiness"));
            children.put(service, child);
            pidFiles.record(service.artifactId(), child.handle());
            listener.onStatus(service.artifactId(), ComponentStatus.STARTING);
        }
    }

    /** Exactly the variables a production deployment sets (see deploy/), plus the caller's extras. */
    Map<String, String> environment(ChorusService service) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_PORT", Integer.toString(ports.get(service)));
        env.put("SPRING_DATASOURCE_URL", postgres.jdbcUrl(service.database()));
        env.put("SPRING_DATASOURCE_USERNAME", postgres.username());
        env.put("SPRING_DATASOURCE_PASSWORD", postgres.password());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("CHORUS_KAFKA_PARTITIONS", Integer.toString(options.kafkaPartitions()));
        env.put("CHAT_JWT_SECRET", jwtSecret);
        env.put("SPRING_OUTPUT_ANSI_ENABLED", "never");
        if (service == ChorusService.PROJECTION) {
            // Read access to the event store for projection-service's rebuild/verify endpoints (/admin/**).
            env.put("EVENT_STORE_URL", postgres.jdbcUrl(EVENTS_DATABASE));
            env.put("EVENT_STORE_USERNAME", postgres.username());
            env.put("EVENT_STORE_PASSWORD", postgres.password());
            // Demo user 1 (alice) may call /admin/** locally; production lists its operators.
            env.put("CHORUS_ADMIN_USER_IDS", Long.toString(DemoUsers.ALICE.id()));
        }
        env.putAll(options.serviceEnv());
        return env;
    }

    private void awaitReady(StackListener listener) {
        long deadline = System.nanoTime() + options.readinessTimeout().toNanos();
        Map<ChorusService, Boolean> ready = new EnumMap<>(ChorusService.class);
        while (ready.size() < children.size()) {
            for (Map.Entry<ChorusService, ChildProcess> entry : children.entrySet()) {
                ChildProcess child = entry.getValue();
                if (ready.containsKey(entry.getKey())) {
                    continue;
                }
                if (!child.isAlive()) {
                    throw new StartupException(child.name() + " stopped while starting. " + child.deathReport());
                }
                if (child.isReady()) {
                    ready.put(entry.getKey(), true);
                    listener.onStatus(child.name(), ComponentStatus.READY);
                }
            }
            if (ready.size() == children.size()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                StringBuilder report = new StringBuilder();
                children.forEach((service, child) -> {
                    if (!ready.containsKey(service)) {
                        report.append(System.lineSeparator()).append(child.deathReport());
                    }
                });
                throw new StartupException("Not ready within "
                        + options.readinessTimeout().toSeconds() + " s (raise it with --timeout):" + report);
            }
            listener.onTick();
            sleep(POLL);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("Interrupted while waiting for the services");
        }
    }

    public URI baseUrl(ChorusService service) {
        return URI.create("http://localhost:" + ports.get(service));
    }

    /** Where the service's REST API lives ({@code /api/...} is appended by callers). */
    public URI apiUrl(ChorusService service) {
        return baseUrl(service).resolve("/api");
    }

    public URI swaggerUiUrl(ChorusService service) {
        return baseUrl(service).resolve("/swagger-ui.html");
    }

    public URI healthUrl(ChorusService service) {
        return baseUrl(service).resolve("/actuator/health");
    }

    public int port(ChorusService service) {
        return ports.get(service);
    }

    public String jwtSecret() {
        return jwtSecret;
    }

    public TokenMinter tokens() {
        return new TokenMinter(jwtSecret, Clock.systemUTC());
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    public String databaseUsername() {
        return postgres.username();
    }

    public String databasePassword() {
        return postgres.password();
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path logsDir() {
        return dataDir.resolve("logs");
    }

    public Path logFile(ChorusService service) {
        return logsDir().resolve(service.artifactId() + ".log");
    }

    /** The service JVMs (the servers run inside this JVM, PostgreSQL as its own daemon). */
    public Map<ChorusService, ProcessHandle> serviceProcesses() {
        Map<ChorusService, ProcessHandle> handles = new EnumMap<>(ChorusService.class);
        children.forEach((service, child) -> handles.put(service, child.handle()));
        return handles;
    }

    /** PostgreSQL's server process (pg_ctl detaches it, so it is not a descendant of this JVM). */
    public Optional<ProcessHandle> postgresProcess() {
        return StaleProcesses.postmaster(dataDir.resolve("pg"));
    }

    /** From the call of {@link #start} until every service was ready. */
    public Duration startupTime() {
        return startupTime;
    }

    public Instant readyAt() {
        return readyAt;
    }

    public Options options() {
        return options;
    }

    /** Services first (they need the servers to shut down cleanly), then Kafka, then PostgreSQL. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<Thread> stoppers = new ArrayList<>();
        children.forEach((service, child) -> {
            Thread stopper = new Thread(
                    () -> {
                        child.stop();
                        pidFiles.forget(child.name());
                    },
                    "stop-" + child.name());
            stopper.start();
            stoppers.add(stopper);
        });
        boolean interrupted = false;
        for (Thread stopper : stoppers) {
            // Stopping must finish even if this thread is interrupted: an orphan JVM is worse than a delay.
            while (stopper.isAlive()) {
                try {
                    stopper.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (kafka != null) {
            try {
                kafka.close();
            } catch (RuntimeException e) {
                log.warn("Kafka did not stop cleanly", e);
            }
        }
        stopPostgres();
        pidFiles.forget(StaleProcesses.OWNER);
    }

    private void stopPostgres() {
        if (postgres == null) {
            // Interrupted while it started (Ctrl-C early on): the server may be up without a handle to it.
            postgresProcess().ifPresent(StaleProcesses::stopPostmaster);
            return;
        }
        Optional<ProcessHandle> server = postgresProcess();
        try {
            postgres.close();
            // pg_ctl returns once the pid file is gone; the process may take a moment more to exit.
            server.ifPresent(
                    process -> process.onExit().orTimeout(30, TimeUnit.SECONDS).join());
        } catch (RuntimeException e) {
            log.warn("PostgreSQL did not stop cleanly", e);
        }
    }

    /** Everything but the logs, which are worth keeping across a reset. */
    private static void wipe(Path dataDir) {
        if (!Files.isDirectory(dataDir)) {
            return;
        }
        try (Stream<Path> top = Files.list(dataDir)) {
            for (Path entry :
                    top.filter(p -> !p.getFileName().toString().equals("logs")).toList()) {
                try (Stream<Path> tree = Files.walk(entry)) {
                    tree.sorted(Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot wipe " + dataDir, e);
        }
    }
}
