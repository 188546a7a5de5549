package dev.chorus.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's own mechanics on real PostgreSQL and Kafka, with {@link FakeService} standing in for the
 * service jars (the real ones are exercised by DevStackSmokeIT): what each service is given, what survives a
 * restart, and that nothing outlives {@link LocalStack#close()}.
 */
class LocalStackWithFakeServicesTest {

    @TempDir
    static Path jars;

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void buildFakeServiceJars() throws Exception {
        Path testClasses = Path.of(FakeService.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        manifest.getMainAttributes()
                .put(Attributes.Name.CLASS_PATH, testClasses.toUri().toString());
        for (ChorusService service : ChorusService.values()) {
            try (OutputStream out = Files.newOutputStream(jars.resolve(service.artifactId() + ".jar"));
                    JarOutputStream jar = new JarOutputStream(out, manifest)) {
                jar.flush();
            }
        }
    }

    @Test
    void givesEachServiceItsDatabaseTheBrokerAndTheSecretThenStopsEverythingAndKeepsTheData() throws Exception {
        Options options = Options.ephemeral(dataDir)
                .withServicesDir(jars)
                .withKafkaPartitions(3)
                .withServiceEnv(Map.of("CHORUS_EXTRA", "yes"));
        List<ProcessHandle> started = new ArrayList<>();
        String secret;
        try (LocalStack stack = LocalStack.start(options, StackListener.SILENT)) {
            secret = stack.jwtSecret();
            for (ChorusService service : ChorusService.values()) {
                Map<String, String> env = environmentOf(stack.baseUrl(service));
                assertThat(env)
                        .containsEntry("SERVER_PORT", Integer.toString(stack.port(service)))
                        .containsEntry("SPRING_DATASOURCE_URL", stack.jdbcUrl(service.database()))
                        .containsEntry("KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers())
                        .containsEntry("CHORUS_KAFKA_PARTITIONS", "3")
                        .containsEntry("CHAT_JWT_SECRET", secret)
                        .containsEntry("CHORUS_EXTRA", "yes");
                assertThat(stack.logFile(service)).content().contains("fake service up on " + stack.port(service));
                if (service == ChorusService.PROJECTION) {
                    assertThat(env).containsEntry("EVENT_STORE_URL", stack.jdbcUrl(LocalStack.EVENTS_DATABASE));
                } else {
                    assertThat(env).doesNotContainKey("EVENT_STORE_URL");
                }
            }
            assertThat(stack.jdbcUrl(ChorusService.COMMAND.database())).endsWith("/chorus_events");
            assertThat(stack.jdbcUrl(ChorusService.QUERY.database())).endsWith("/chorus_read");
            execute(stack, "chorus_read", "CREATE TABLE kept (v int); INSERT INTO kept VALUES (7)");
            started.addAll(stack.serviceProcesses().values());
            started.add(stack.postgresProcess().orElseThrow());
            assertThat(dataDir.resolve("run")).isDirectoryContaining("glob:**/command-service.pid");
        }

        assertThat(started).hasSize(4).noneMatch(ProcessHandle::isAlive);
        assertThat(dataDir.resolve("run")).isEmptyDirectory();

        try (LocalStack again = LocalStack.start(options.withReset(false), StackListener.SILENT)) {
            assertThat(again.jwtSecret()).isEqualTo(secret);
            assertThat(query(again, "chorus_read", "SELECT v FROM kept")).isEqualTo(7);
        }
    }

    @Test
    void aServiceThatDiesWhileStartingFailsTheStartWithItsLogAndLeavesNothingRunning() {
        Options options = Options.ephemeral(dataDir).withServicesDir(jars).withServiceEnv(Map.of("FAKE_MODE", "crash"));
        List<String> components = new ArrayList<>();

        assertThatThrownBy(() -> LocalStack.start(options, (component, status) -> components.add(component)))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("stopped while starting")
                .hasMessageContaining("exited with code 3")
                .hasMessageContaining("APPLICATION FAILED TO START: fake failure for the test");

        assertThat(components).contains("postgres", "kafka", "command-service");
        assertThat(StaleProcesses.postmaster(dataDir.resolve("pg"))).isEmpty();
        assertThat(dataDir.resolve("run")).isEmptyDirectory();
    }

    @Test
    void refusesADataDirectoryAnotherLiveStackOwnsAndTouchesNothingOfIt() throws Exception {
        Process otherOwner = new ProcessBuilder("sleep", "600").start();
        Process itsService = new ProcessBuilder("sleep", "600").start();
        try {
            StaleProcesses pidFiles = new StaleProcesses(dataDir);
            pidFiles.record(StaleProcesses.OWNER, otherOwner.toHandle());
            pidFiles.record("query-service", itsService.toHandle());

            assertThatThrownBy(() ->
                            LocalStack.start(Options.ephemeral(dataDir).withServicesDir(jars), StackListener.SILENT))
                    .isInstanceOf(StartupException.class)
                    .hasMessageContaining("Another dev-stack (pid " + otherOwner.pid() + ") is running on");

            assertThat(itsService.isAlive()).isTrue();
            assertThat(dataDir.resolve("run/query-service.pid")).exists();
        } finally {
            otherOwner.destroyForcibly();
            itsService.destroyForcibly();
        }
    }

    private Map<String, String> environmentOf(URI base) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(base.resolve("/env"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        Map<String, String> env = new LinkedHashMap<>();
        response.body().lines().forEach(line -> {
            int eq = line.indexOf('=');
            env.put(line.substring(0, eq), line.substring(eq + 1));
        });
        return env;
    }

    private static void execute(LocalStack stack, String database, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(
                stack.jdbcUrl(database), stack.databaseUsername(), stack.databasePassword())) {
            c.createStatement().execute(sql);
        }
    }

    private static int query(LocalStack stack, String database, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(
                        stack.jdbcUrl(database), stack.databaseUsername(), stack.databasePassword());
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
