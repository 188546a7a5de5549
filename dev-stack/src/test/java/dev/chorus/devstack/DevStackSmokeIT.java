package dev.chorus.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's run command, for real: {@code ./chorus} (with the build step off, since {@code verify} has
 * just packaged the jars) in its own process, on a throw-away data directory and free ports. Drives the
 * walk-through over HTTP from what it printed, then stops it with SIGTERM and checks that nothing it
 * started is still running.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class DevStackSmokeIT {

    private static final Duration STARTUP = Duration.ofMinutes(6);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path repoRoot =
            Path.of(System.getProperty("devstack.repo.root", "..")).toAbsolutePath();
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    private Path dataDir;
    private Process launcher;
    private PrintedBanner banner;
    private final List<ProcessHandle> started = new ArrayList<>();

    @BeforeAll
    void startTheWayTheReadmeSays() throws IOException {
        dataDir = Files.createTempDirectory(repoRoot.resolve("dev-stack/target"), "smoke-");
        ProcessBuilder builder = new ProcessBuilder(
                        "bash",
                        "./chorus",
                        "--seed",
                        "--data-dir",
                        dataDir.toString(),
                        "--command-port",
                        "0",
                        "--query-port",
                        "0",
                        "--projection-port",
                        "0",
                        "--timeout",
                        Long.toString(STARTUP.toSeconds()))
                .directory(repoRoot.toFile())
                .redirectErrorStream(true);
        builder.environment().put("CHORUS_BUILD", "never");
        launcher = builder.start();
        Thread reader = new Thread(this::collectOutput, "launcher-output");
        reader.setDaemon(true);
        reader.start();

        await().atMost(STARTUP.plusMinutes(1))
                .pollInterval(Duration.ofMillis(500))
                .failFast(() -> assertThat(launcher.isAlive())
                        .as("the launcher exited; it printed:%n%s", String.join("\n", output))
                        .isTrue())
                .until(() -> output.contains("Press Ctrl-C to stop."));
        banner = PrintedBanner.parse(output);
        started.addAll(launcher.descendants().toList());
        StaleProcesses.postmaster(dataDir.resolve("pg")).ifPresent(started::add);
    }

    private void collectOutput() {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
            }
        } catch (IOException e) {
            output.add("(output closed: " + e + ")");
        }
    }

    @Test
    @Order(1)
    void printsWorkingUrlsTokensAndAProgressLine() throws Exception {
        assertThat(output).anyMatch(line -> line.matches("\\[\\s*[0-9.]+s] query-service ready"));
        for (String service : List.of("command-service", "query-service", "projection-service")) {
            assertThat(get(banner.url(service).resolve("/actuator/health/readiness"), null)
                            .statusCode())
                    .as(service + " readiness")
                    .isEqualTo(200);
            assertThat(get(banner.url(service).resolve("/actuator/prometheus"), null)
                            .statusCode())
                    .isEqualTo(200);
        }
        for (String service : List.of("command-service", "query-service")) {
            HttpResponse<String> swagger = get(banner.url(service).resolve("/swagger-ui.html"), null);
            assertThat(swagger.statusCode()).as(service + " Swagger UI").isEqualTo(200);
            assertThat(swagger.body()).contains("swagger-ui");
            assertThat(get(banner.url(service).resolve("/v3/api-docs"), null).body())
                    .contains("bearer");
        }
        assertThat(subjectOf(banner.token("alice"))).isEqualTo("1");
        assertThat(subjectOf(banner.token("bob"))).isEqualTo("2");
        assertThat(subjectOf(banner.token("carol"))).isEqualTo("3");
    }

    @Test
    @Order(2)
    void thePrintedCurlLineWorksAsPastedAndShowsTheSeededInbox() throws Exception {
        assumeTrue(commandExists("curl"), "curl is not installed");
        Process curl = new ProcessBuilder("bash", "-c", banner.curlLine())
                .redirectErrorStream(true)
                .start();
        String body = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(curl.exitValue()).isZero();
        assertThat(output).contains("Seeded 3 conversations with 54 messages (users 1-5).");
        // Alice's inbox, newest activity first. The seeder waits (consistency tokens) until all of it is
        // visible before the banner is printed, so it is complete at once. Alice last wrote at seq 46 of
        // the group; carol wrote twice to her DM; her DM with bob ends with her own message.
        List<String> summary = new ArrayList<>();
        for (JsonNode item : JSON.readTree(body).path("items")) {
            summary.add(item.path("type").asText() + " seq="
                    + item.path("lastMessage").path("seq").asLong() + " unread="
                    + item.path("unreadCount").asLong());
        }
        assertThat(summary).as(body).containsExactly("GROUP seq=48 unread=2", "DM seq=2 unread=2", "DM seq=4 unread=0");
    }

    @Test
    @Order(3)
    void createGroupSendReadInboxWithConsistencyTokenAndMarkRead() throws Exception {
        URI commands = banner.url("command-service");
        URI queries = banner.url("query-service");
        String alice = banner.token("alice");
        String bob = banner.token("bob");
        String carol = banner.token("carol");

        JsonNode created = post(
                commands.resolve("/api/conversations"),
                alice,
                Map.of("type", "GROUP", "title", "Smoke test", "memberIds", List.of(2, 3)),
                201);
        String conversationId = created.path("conversationId").asText();

        JsonNode sent = post(
                commands.resolve("/api/conversations/" + conversationId + "/messages"),
                alice,
                Map.of("clientMessageId", UUID.randomUUID().toString(), "type", "TEXT", "body", "Hello, crew"),
                201);
        long seq = sent.path("seq").asLong();
        String sendToken = sent.path("consistencyToken").asText();

        JsonNode aliceEntry = inboxEntry(queries, alice, sendToken, conversationId);
        assertThat(aliceEntry.path("lastMessage").path("seq").asLong()).isEqualTo(seq);
        assertThat(aliceEntry.path("lastMessage").path("preview").asText()).isEqualTo("Hello, crew");
        assertThat(aliceEntry.path("unreadCount").asLong()).as("own message").isZero();
        assertThat(inboxEntry(queries, bob, sendToken, conversationId)
                        .path("unreadCount")
                        .asLong())
                .isEqualTo(1);
        assertThat(inboxEntry(queries, carol, sendToken, conversationId)
                        .path("unreadCount")
                        .asLong())
                .isEqualTo(1);

        JsonNode read = post(
                commands.resolve("/api/conversations/" + conversationId + "/read"), bob, Map.of("upToSeq", seq), 202);
        assertThat(read.path("readSeq").asLong()).isEqualTo(seq);

        JsonNode bobAfter =
                inboxEntry(queries, bob, read.path("consistencyToken").asText(), conversationId);
        assertThat(bobAfter.path("unreadCount").asLong()).isZero();
        assertThat(bobAfter.path("lastReadSeq").asLong()).isEqualTo(seq);
        assertThat(inboxEntry(queries, carol, sendToken, conversationId)
                        .path("unreadCount")
                        .asLong())
                .as("carol has not read")
                .isEqualTo(1);
    }

    @Test
    @Order(4)
    void sigtermStopsTheServicesKafkaAndPostgresAndLeavesNoProcessBehind() throws Exception {
        assertThat(started)
                .as("three service JVMs and PostgreSQL were running")
                .hasSizeGreaterThanOrEqualTo(4)
                .allMatch(ProcessHandle::isAlive);
        assertThat(started)
                .filteredOn(p -> p.info().command().orElse("").endsWith("postgres"))
                .hasSize(1);

        // SIGTERM through the handle: Process.destroy() would also close our end of its output.
        assertThat(launcher.toHandle().destroy()).isTrue();

        assertThat(launcher.waitFor(2, TimeUnit.MINUTES)).as("launcher exits").isTrue();
        assertThat(launcher.exitValue()).isZero();
        assertThat(output).contains("Stopped.");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(started).noneMatch(ProcessHandle::isAlive));
        assertThat(processesMentioning(dataDir.toString())).isEmpty();
        deleteRecursively(dataDir); // kept when anything above failed, for its logs
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @AfterAll
    void killWhateverIsLeft() {
        if (launcher != null && launcher.isAlive()) {
            launcher.destroyForcibly();
        }
        started.forEach(ProcessHandle::destroyForcibly);
    }

    private JsonNode inboxEntry(URI queries, String token, String consistencyToken, String conversationId)
            throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(queries.resolve("/api/inbox?limit=50"))
                        .header("Authorization", "Bearer " + token)
                        .header("Consistency-Token", consistencyToken)
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        for (JsonNode item : JSON.readTree(response.body()).path("items")) {
            if (conversationId.equals(item.path("conversationId").asText())) {
                return item;
            }
        }
        throw new AssertionError("Conversation " + conversationId + " not in inbox: " + response.body());
    }

    private JsonNode post(URI uri, String token, Object body, int expectedStatus) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri)
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("POST " + uri + ": " + response.body())
                .isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> get(URI uri, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String subjectOf(String jwt) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]))
                .path("sub")
                .asText();
    }

    private static boolean commandExists(String name) {
        return Stream.of(System.getenv("PATH").split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, name)));
    }

    /** Every live process whose command line names {@code text} (PostgreSQL's -D, the services' marker). */
    private static List<String> processesMentioning(String text) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .toList()) {
                try {
                    String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ');
                    if (cmdline.contains(text)) {
                        found.add(proc.getFileName() + ": " + cmdline);
                    }
                } catch (IOException e) {
                    // The process ended while we looked.
                }
            }
        }
        return found;
    }
}
