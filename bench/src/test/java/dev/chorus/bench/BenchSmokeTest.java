package dev.chorus.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The quick profile end to end. Opt-in (it runs load for a while): {@code ./mvnw -pl bench verify
 * -Dtest=BenchSmokeTest -Dchorus.bench.smoke=true} for the SQL workloads on an embedded PostgreSQL;
 * add {@code -Dchorus.bench.smoke.system=devstack} to start the whole system (build the service jars
 * first).
 */
@EnabledIfSystemProperty(named = "chorus.bench.smoke", matches = "true")
class BenchSmokeTest {

    @TempDir
    Path dir;

    @Test
    void quickProfileWritesACompleteReport() throws Exception {
        String system = System.getProperty("chorus.bench.smoke.system", "db_only");
        String[] args = {
            "--profile",
            "quick",
            "--system",
            system,
            "--concurrency",
            "1",
            "--name",
            "smoke",
            "--out",
            dir.resolve("out").toString(),
            "--data-dir",
            dir.resolve("stack").toString()
        };

        int exit = new CommandLine(new BenchMain(args))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args);

        assertThat(exit).isZero();
        String md = Files.readString(dir.resolve("out/smoke.md"));
        assertThat(md).contains("## Goals (issue 5)", "### read-inbox", "### read-history", "## Machine");
        assertThat(md).doesNotContain("FAILED");
        assertThat(dir.resolve("out/smoke.json")).isNotEmptyFile();
        assertThat(dir.resolve("out/smoke.png")).isNotEmptyFile();
    }
}
