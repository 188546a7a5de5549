package dev.chorus.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The launcher's command line (picocli), turned into {@link Options}. */
@Command(
        name = "chorus",
        mixinStandardHelpOptions = true,
        version = "chorus dev-stack 0.1.0-SNAPSHOT",
        sortOptions = false,
        description = {
            "Runs the whole Chorus system on this machine: embedded PostgreSQL, an in-process KRaft Kafka broker,"
                    + " and command-, query- and projection-service as separate JVMs.",
            "Prints URLs, demo tokens and a curl line when ready; Ctrl-C stops everything."
        })
final class CommandLine {

    @Option(
            names = "--seed",
            description = "Create demo data (2 DMs, a busy group) through the API once ready. Safe to repeat.")
    boolean seed;

    @Option(names = "--reset", description = "Start empty: wipe the data directory (not its logs) first.")
    boolean reset;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "PostgreSQL data, Kafka log, JWT secret and logs. Default: ${DEFAULT-VALUE}")
    Path dataDir = Options.DEFAULT_DATA_DIR;

    @Option(names = "--command-port", paramLabel = "PORT", description = "command-service. Default: 8081")
    int commandPort = ChorusService.COMMAND.defaultPort();

    @Option(names = "--query-port", paramLabel = "PORT", description = "query-service. Default: 8082")
    int queryPort = ChorusService.QUERY.defaultPort();

    @Option(names = "--projection-port", paramLabel = "PORT", description = "projection-service. Default: 8083")
    int projectionPort = ChorusService.PROJECTION.defaultPort();

    @Option(names = "--postgres-port", paramLabel = "PORT", description = "PostgreSQL. Default: 0 (a free port)")
    int postgresPort;

    @Option(names = "--kafka-port", paramLabel = "PORT", description = "Kafka. Default: 0 (a free port)")
    int kafkaPort;

    @Option(
            names = "--partitions",
            paramLabel = "N",
            description = "Partitions of the conversation-events topic. Default: ${DEFAULT-VALUE}")
    int partitions = 8;

    @Option(
            names = "--services-dir",
            paramLabel = "DIR",
            description = "Directory with command-service.jar, query-service.jar, projection-service.jar."
                    + " Default: next to this jar, then the modules' target/ directories.")
    Path servicesDir;

    @Option(
            names = "--service-jvm-opts",
            paramLabel = "OPTS",
            description = "JVM options of each service, space separated. Default: '${DEFAULT-VALUE}'")
    String serviceJvmOpts = String.join(" ", Options.DEFAULT_SERVICE_JVM_ARGS);

    @Option(
            names = "--env",
            paramLabel = "KEY=VALUE",
            description = "Extra environment variable for every service, e.g. --env LOGGING_LEVEL_DEV_CHORUS=DEBUG."
                    + " Repeatable.")
    Map<String, String> env = new LinkedHashMap<>();

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            description = "How long the services may take to become ready. Default: ${DEFAULT-VALUE}")
    long timeoutSeconds = 240;

    Options toOptions() {
        Map<ChorusService, Integer> ports = new EnumMap<>(ChorusService.class);
        ports.put(ChorusService.COMMAND, commandPort);
        ports.put(ChorusService.QUERY, queryPort);
        ports.put(ChorusService.PROJECTION, projectionPort);
        List<String> jvmArgs = serviceJvmOpts.isBlank()
                ? List.of()
                : Arrays.asList(serviceJvmOpts.trim().split("\\s+"));
        return Options.defaults()
                .withDataDir(dataDir)
                .withReset(reset)
                .withSeed(seed)
                .withPorts(ports)
                .withServerPorts(postgresPort, kafkaPort)
                .withKafkaPartitions(partitions)
                .withServicesDir(servicesDir)
                .withServiceJvmArgs(jvmArgs)
                .withServiceEnv(env)
                .withReadinessTimeout(Duration.ofSeconds(timeoutSeconds));
    }
}
