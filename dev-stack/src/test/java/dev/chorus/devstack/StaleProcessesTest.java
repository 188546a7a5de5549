package dev.chorus.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleProcessesTest {

    @TempDir
    Path dataDir;

    private Process survivor;
    private Process leftover;

    @AfterEach
    void killWhatTheTestStarted() {
        for (Process process : new Process[] {survivor, leftover}) {
            if (process != null) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void aRecordedProcessStillRunningIsStoppedAtTheNextStart() throws Exception {
        leftover = new ProcessBuilder("sleep", "600").start();
        new StaleProcesses(dataDir).record("query-service", leftover.toHandle());

        var stopped = new StaleProcesses(dataDir).stopLeftovers(dataDir.resolve("pg"));

        assertThat(stopped).containsExactly("query-service (pid " + leftover.pid() + ")");
        await().atMost(Duration.ofSeconds(10)).until(() -> !leftover.isAlive());
        assertThat(dataDir.resolve("run/query-service.pid")).doesNotExist();
    }

    @Test
    void aReusedPidIsLeftAlone() throws Exception {
        survivor = new ProcessBuilder("sleep", "600").start();
        long realStart = survivor.toHandle().info().startInstant().orElseThrow().toEpochMilli();
        Files.createDirectories(dataDir.resolve("run"));
        // Same pid, different start time: the recorded process is gone and this is someone else's.
        Files.writeString(dataDir.resolve("run/command-service.pid"), survivor.pid() + " " + (realStart - 60_000));

        var stopped = new StaleProcesses(dataDir).stopLeftovers(dataDir.resolve("pg"));

        assertThat(stopped).isEmpty();
        assertThat(survivor.isAlive()).isTrue();
    }

    @Test
    void aPostmasterPidFileOfADeadServerIsIgnored() throws Exception {
        Path pg = Files.createDirectories(dataDir.resolve("pg"));
        Files.writeString(pg.resolve("postmaster.pid"), "999999999\n" + pg + "\n");

        assertThat(StaleProcesses.postmaster(pg)).isEmpty();
        assertThat(new StaleProcesses(dataDir).stopLeftovers(pg)).isEmpty();
    }
}
