package dev.chorus.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start a {@link LocalStack}. A port of 0 means "pick a free one"; the chosen ports are in the
 * started stack.
 *
 * @param dataDir PostgreSQL data, Kafka log, JWT secret and logs live under it and survive restarts
 * @param reset wipe {@code dataDir} first (a fresh, empty system)
 * @param seed create demo users' conversations and messages through the public API once ready
 * @param ports the HTTP port of each service
 * @param postgresPort port of the embedded PostgreSQL
 * @param kafkaPort port of the embedded broker
 * @param kafkaPartitions partitions of the conversation-events topic (and of auto-created topics)
 * @param servicesDir where the service exec jars are; null to look in the usual places ({@link ServiceJars})
 * @param serviceJvmArgs JVM options of each service process
 * @param serviceEnv extra environment variables for every service (Spring relaxed binding, e.g.
 *     {@code CHORUS_KAFKA_PARTITIONS=4}); they win over the ones the stack sets
 * @param jwtSecret the HS256 secret; null to generate one on the first start and keep it in {@code dataDir}
 * @param readinessTimeout how long every service together may take to report ready
 */
public record Options(
        Path dataDir,
        boolean reset,
        boolean seed,
        Map<ChorusService, Integer> ports,
        int postgresPort,
        int kafkaPort,
        int kafkaPartitions,
        Path servicesDir,
        List<String> serviceJvmArgs,
        Map<String, String> serviceEnv,
        String jwtSecret,
        Duration readinessTimeout) {

    public static final Path DEFAULT_DATA_DIR = Path.of(".dev-stack");

    /**
     * Small heaps and a serial collector: four JVMs share a developer laptop (or a 2-core box). The bench
     * replaces these with its own.
     */
    public static final List<String> DEFAULT_SERVICE_JVM_ARGS =
            List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k");

    public Options {
        Objects.requireNonNull(dataDir, "dataDir");
        ports = Map.copyOf(ports);
        for (ChorusService service : ChorusService.values()) {
            Integer port = ports.get(service);
            if (port == null) {
                throw new IllegalArgumentException("No port for " + service.artifactId());
            }
            checkPort(service.artifactId(), port);
        }
        checkPort("PostgreSQL", postgresPort);
        checkPort("Kafka", kafkaPort);
        if (kafkaPartitions < 1) {
            throw new IllegalArgumentException("Kafka partitions must be at least 1, got " + kafkaPartitions);
        }
        serviceJvmArgs = List.copyOf(serviceJvmArgs);
        serviceEnv = Map.copyOf(serviceEnv);
        Objects.requireNonNull(readinessTimeout, "readinessTimeout");
    }

    /** The defaults of the command line: production ports for the services, free ports for the servers. */
    public static Options defaults() {
        Map<ChorusService, Integer> ports = new EnumMap<>(ChorusService.class);
        for (ChorusService service : ChorusService.values()) {
            ports.put(service, service.defaultPort());
        }
        return new Options(
                DEFAULT_DATA_DIR,
                false,
                false,
                ports,
                0,
                0,
                8,
                null,
                DEFAULT_SERVICE_JVM_ARGS,
                Map.of(),
                null,
                Duration.ofMinutes(4));
    }

    /** For tests and the bench: a throw-away directory and free ports everywhere. */
    public static Options ephemeral(Path dataDir) {
        Map<ChorusService, Integer> ports = new EnumMap<>(ChorusService.class);
        for (ChorusService service : ChorusService.values()) {
            ports.put(service, 0);
        }
        return defaults().withDataDir(dataDir).withReset(true).withPorts(ports);
    }

    public Options withDataDir(Path value) {
        return new Options(
                value,
                reset,
                seed,
                ports,
                postgresPort,
                kafkaPort,
                kafkaPartitions,
                servicesDir,
                serviceJvmArgs,
                serviceEnv,
                jwtSecret,
                readinessTimeout);
    }

    public Options withReset(boolean value) {
        return new Options(
                dataDir,
                value,
                seed,
                ports,
                postgresPort,
                kafkaPort,
                kafkaPartitions,
                servicesDir,
                serviceJvmArgs,
                serviceEnv,
                jwtSecret,
                readinessTimeout);
    }

    public Options withSeed(boolean value) {
        return new Options(
                dataDir,
                reset,
                value,
                ports,
                postgresPort,
                kafkaPort,
                kafkaPartitions,
                servicesDir,
                serviceJvmArgs,
                serviceEnv,
                jwtSecret,
                readinessTimeout);
    }

    public Options withPorts(Map<ChorusService, Integer> value) {
        return new Options(
                dataDir,
                reset,
                seed,
                value,
                postgresPort,
                kafkaPort,
                kafkaPartitions,
                servicesDir,
                serviceJvmArgs,
                serviceEnv,
                jwtSecret,
                readinessTimeout);
    }

    public Options withServerPorts(int postgres, int kafka) {
        return new Options(
                dataDir,
                reset,
                seed,
                ports,
                postgres,
                kafka,
                kafkaPartitions,
                servicesDir,
                serviceJvmArgs,
                serviceEnv,
                jwtSecret,
                readinessTimeout);
    }

    public Options withKafkaPartitions(int value) {
        return new Options(
                dataDir,
                reset,
                seed,
                ports,
                postgresPort,
                kafkaPort,
                value,
                servicesDir,
                serviceJvmArgs,
                serviceEnv,
                jwtSecret,
                readinessTimeout);
    }

    public Options withServicesDir(Path value) {
        return new Options(
                dataDir,
                reset,
                seed,
                ports,
                postgresPort,
                kafkaPort,
                kafkaPartitions,
                value,
                serviceJvmArgs,
                serviceEnv,
                jwtSecret,
                readinessTimeout);
    }

    public Options withServiceJvmArgs(List<String> value) {
        return new Options(
                dataDir,
                reset,
                seed,
                ports,
                postgresPort,
                kafkaPort,
                kafkaPartitions,
                servicesDir,
                value,
                serviceEnv,
                jwtSecret,
                readinessTimeout);
    }

    public Options withServiceEnv(Map<String, String> value) {
        return new Options(
                dataDir,
                reset,
                seed,
                ports,
                postgresPort,
                kafkaPort,
                kafkaPartitions,
                servicesDir,
                serviceJvmArgs,
                value,
                jwtSecret,
                readinessTimeout);
    }

    public Options withJwtSecret(String value) {
        return new Options(
                dataDir,
                reset,
                seed,
                ports,
                postgresPort,
                kafkaPort,
                kafkaPartitions,
                servicesDir,
                serviceJvmArgs,
                serviceEnv,
                value,
                readinessTimeout);
    }

    public Options withReadinessTimeout(Duration value) {
        return new Options(
                dataDir,
                reset,
                seed,
                ports,
                postgresPort,
                kafkaPort,
                kafkaPartitions,
                servicesDir,
                serviceJvmArgs,
                serviceEnv,
                jwtSecret,
                value);
    }

    public int port(ChorusService service) {
        return ports.get(service);
    }

    private static void checkPort(String what, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(what + " port must be 0 (a free port) or 1-65535, got " + port);
        }
    }
}
