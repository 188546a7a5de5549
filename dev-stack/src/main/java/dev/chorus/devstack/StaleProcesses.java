package dev.chorus.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A launcher killed with SIGKILL (or a crashed terminal) cannot stop what it started: PostgreSQL keeps
 * running from its data directory and the service JVMs keep their ports. The next start finds them by the
 * pid files the previous one left under {@code <data dir>/run} (and PostgreSQL's own {@code postmaster.pid})
 * and stops them before it starts anything.
 */
final class StaleProcesses {

    private static final Logger log = LoggerFactory.getLogger(StaleProcesses.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    /** The pid file of the JVM that started the stack (the launcher, or a bench/test using the API). */
    static final String OWNER = "owner";

    private final Path runDir;

    StaleProcesses(Path dataDir) {
        this.runDir = dataDir.resolve("run");
    }

    /** Remembers a started process: pid and start time (pids are reused; the pair is not). */
    void record(String name, ProcessHandle process) {
        Instant started = process.info().startInstant().orElse(Instant.EPOCH);
        try {
            Files.createDirectories(runDir);
            Files.writeString(
                    runDir.resolve(name + ".pid"),
                    process.pid() + " " + started.toEpochMilli() + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void forget(String name) {
        try {
            Files.deleteIfExists(runDir.resolve(name + ".pid"));
        } catch (IOException e) {
            log.warn("Cannot delete pid file of {}: {}", name, e.toString());
        }
    }

    /** The JVM that owns the stack on this data directory, if it is still running. */
    Optional<ProcessHandle> liveOwner() {
        Path file = runDir.resolve(OWNER + ".pid");
        try {
            return Files.isRegularFile(file) ? recorded(file) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Stops every recorded process that still runs, then a PostgreSQL still serving {@code pgDataDir}. */
    List<String> stopLeftovers(Path pgDataDir) {
        Map<String, ProcessHandle> services = new LinkedHashMap<>();
        if (Files.isDirectory(runDir)) {
            try (Stream<Path> files = Files.list(runDir)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                    String name = file.getFileName().toString().replace(".pid", "");
                    if (!name.equals(OWNER)) {
                        recorded(file).ifPresent(process -> services.put(name, process));
                    }
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        // Services first, all at once (they hold connections to PostgreSQL), then the server itself.
        services.values().forEach(StaleProcesses::terminate);
        services.values().forEach(StaleProcesses::awaitExit);
        List<String> stopped = new ArrayList<>();
        services.forEach((name, process) -> stopped.add(name + " (pid " + process.pid() + ")"));
        postmaster(pgDataDir).ifPresent(process -> {
            log.warn("Stopping {} left over from an earlier run that did not shut down", describe(process));
            stopPostmaster(process);
            stopped.add("postgres (pid " + process.pid() + ")");
        });
        return stopped;
    }

    /** SIGINT is PostgreSQL's "fast" shutdown: roll back open transactions and exit. */
    static void stopPostmaster(ProcessHandle process) {
        signal(process.pid(), "INT");
        awaitExit(process);
    }

    private static Optional<ProcessHandle> recorded(Path pidFile) throws IOException {
        String[] parts =
                Files.readString(pidFile, StandardCharsets.UTF_8).trim().split("\\s+");
        if (parts.length != 2) {
            return Optional.empty();
        }
        long pid = Long.parseLong(parts[0]);
        long startedMillis = Long.parseLong(parts[1]);
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().startInstant().map(Instant::toEpochMilli).orElse(-1L) == startedMillis);
    }

    /** The server process named in {@code postmaster.pid} if it is alive and is a postgres. */
    static Optional<ProcessHandle> postmaster(Path pgDataDir) {
        Path pidFile = pgDataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            String firstLine =
                    Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).trim();
            return ProcessHandle.of(Long.parseLong(firstLine))
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().orElse("").endsWith("postgres"));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void terminate(ProcessHandle process) {
        log.warn("Stopping {} left over from an earlier run that did not shut down", describe(process));
        process.destroy();
    }

    private static void awaitExit(ProcessHandle process) {
        try {
            process.onExit().get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ProcessHandle can only send TERM and KILL. */
    private static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .redirectErrorStream(true)
                    .start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(ProcessHandle process) {
        return process.info().command().orElse("process") + " (pid " + process.pid() + ")";
    }
}
