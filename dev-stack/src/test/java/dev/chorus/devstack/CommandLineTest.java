package dev.chorus.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void withoutArgumentsItRunsOnTheDocumentedPortsInDotDevStack() {
        Options options = parse();

        assertThat(options.dataDir()).isEqualTo(Path.of(".dev-stack"));
        assertThat(options.port(ChorusService.COMMAND)).isEqualTo(8081);
        assertThat(options.port(ChorusService.QUERY)).isEqualTo(8082);
        assertThat(options.port(ChorusService.PROJECTION)).isEqualTo(8083);
        assertThat(options.postgresPort()).isZero();
        assertThat(options.kafkaPort()).isZero();
        assertThat(options.kafkaPartitions()).isEqualTo(8);
        assertThat(options.reset()).isFalse();
        assertThat(options.seed()).isFalse();
        assertThat(options.serviceJvmArgs()).isEqualTo(Options.DEFAULT_SERVICE_JVM_ARGS);
        assertThat(options).isEqualTo(Options.defaults());
    }

    @Test
    void everyOptionReachesTheOptions() {
        Options options = parse(
                "--seed",
                "--reset",
                "--data-dir",
                "/tmp/x",
                "--command-port",
                "9001",
                "--query-port=9002",
                "--projection-port",
                "0",
                "--postgres-port",
                "5555",
                "--kafka-port",
                "9999",
                "--partitions",
                "3",
                "--services-dir",
                "/opt/jars",
                "--service-jvm-opts",
                " -Xmx1g  -XX:+UseG1GC ",
                "--env",
                "A=1",
                "--env",
                "LOGGING_LEVEL_DEV_CHORUS=DEBUG",
                "--timeout",
                "30");

        assertThat(options.seed()).isTrue();
        assertThat(options.reset()).isTrue();
        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(options.ports())
                .isEqualTo(Map.of(ChorusService.COMMAND, 9001, ChorusService.QUERY, 9002, ChorusService.PROJECTION, 0));
        assertThat(options.postgresPort()).isEqualTo(5555);
        assertThat(options.kafkaPort()).isEqualTo(9999);
        assertThat(options.kafkaPartitions()).isEqualTo(3);
        assertThat(options.servicesDir()).isEqualTo(Path.of("/opt/jars"));
        assertThat(options.serviceJvmArgs()).containsExactly("-Xmx1g", "-XX:+UseG1GC");
        assertThat(options.serviceEnv()).isEqualTo(Map.of("A", "1", "LOGGING_LEVEL_DEV_CHORUS", "DEBUG"));
        assertThat(options.readinessTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void badInputIsAUsageErrorThatNamesTheProblem() {
        Run run = run("--command-port", "70000");

        assertThat(run.exitCode()).isEqualTo(DevStackMain.USAGE);
        assertThat(run.err()).contains("command-service port must be 0 (a free port) or 1-65535, got 70000");
        assertThat(run.err()).contains("Usage: chorus");

        Run unknown = run("--frobnicate");
        assertThat(unknown.exitCode()).isEqualTo(DevStackMain.USAGE);
        assertThat(unknown.err()).contains("Unknown option: '--frobnicate'");
    }

    @Test
    void helpListsTheOptionsAndStartsNothing() {
        Run run = run("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--seed", "--reset", "--data-dir", "--command-port", "--service-jvm-opts");
    }

    private static Options parse(String... args) {
        CommandLine command = new CommandLine();
        new picocli.CommandLine(command).parseArgs(args);
        return command.toOptions();
    }

    private record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new DevStackMain(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
