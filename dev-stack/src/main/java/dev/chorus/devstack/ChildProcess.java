package dev.chorus.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service JVM: started with its own environment, output appended to its log file, ready when its
 * readiness endpoint answers 200, stopped with SIGTERM (Spring's graceful shutdown) and, if that takes
 * too long, SIGKILL, descendants included.
 */
public final class ChildProcess {

    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final Path logFile;
    private final URI readinessUrl;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private ChildProcess(String name, Process process, Path logFile, URI readinessUrl) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.readinessUrl = readinessUrl;
    }

    /**
     * @param command the full command line, e.g. {@code java -jar service.jar}
     * @param environment added to (and overriding) this process's environment
     */
    public static ChildProcess start(
            String name, List<String> command, Map<String, String> environment, Path logFile, URI readinessUrl) {
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            List<String> fullCommand = new ArrayList<>(command);
            // Its own session: Ctrl-C in the terminal reaches only the launcher, which then stops the
            // services before the servers they depend on (instead of everything dying at once).
            if (Setsid.available()) {
                fullCommand.add(0, Setsid.path());
            }
            ProcessBuilder builder = new ProcessBuilder(fullCommand)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            builder.environment().putAll(environment);
            Files.writeString(
                    logFile,
                    System.lineSeparator() + "==== dev-stack starting " + name + ": " + String.join(" ", command)
                            + System.lineSeparator(),
                    StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            return new ChildProcess(name, builder.start(), logFile, readinessUrl);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    public String name() {
        return name;
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** One probe of the readiness endpoint; false while it refuses connections or answers non-200. */
    public boolean isReady() {
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(readinessUrl)
                            .timeout(Duration.ofSeconds(2))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Why it is not running, with the end of its log, for an error message. */
    public String deathReport() {
        String exit = process.isAlive() ? "still running" : "exited with code " + process.exitValue();
        return name + " " + exit + "; last lines of " + logFile + ":" + System.lineSeparator() + tail(logFile, 40);
    }

    /** SIGTERM, wait, SIGKILL: first the JVM, then anything it started. Returns once all are gone. */
    public void stop() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(GRACEFUL_STOP.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        for (ProcessHandle descendant : descendants) {
            if (descendant.isAlive()) {
                descendant.destroyForcibly();
            }
        }
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
