package dev.chorus.bench.system;

import dev.chorus.devstack.ChorusService;
import dev.chorus.devstack.LocalStack;
import dev.chorus.devstack.Options;
import dev.chorus.devstack.StackListener;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The whole system started the way dev-stack starts it ({@link LocalStack}): embedded PostgreSQL and
 * KRaft Kafka in this JVM, the three services as child JVMs from their exec jars. Fresh data every
 * run (the directory is reset).
 */
public final class DevStackSystem implements SystemHandle {

    private final LocalStack stack;
    private final SystemUnderTest system;

    private DevStackSystem(LocalStack stack) {
        this.stack = stack;
        this.system = new SystemUnderTest(
                "dev-stack LocalStack: embedded PostgreSQL + in-process KRaft Kafka in the bench JVM, "
                        + "command-, query- and projection-service as child JVMs (started in "
                        + stack.startupTime().toMillis() + " ms)",
                stack.baseUrl(ChorusService.COMMAND),
                stack.baseUrl(ChorusService.QUERY),
                stack.baseUrl(ChorusService.PROJECTION),
                new DbEndpoint(
                        stack.jdbcUrl(LocalStack.READ_DATABASE), stack.databaseUsername(), stack.databasePassword()),
                stack.jwtSecret());
    }

    /**
     * @param serviceJvmArgs JVM options of each service (the dev-stack defaults favour start-up time
     *     and memory, not throughput)
     * @param servicesDir where the services' jars are ({@code <module>.jar}); null for dev-stack's search
     * @param serviceEnv extra settings for the services, e.g. the large-group threshold
     */
    public static DevStackSystem start(
            Path dataDir,
            Path servicesDir,
            int kafkaPartitions,
            List<String> serviceJvmArgs,
            Map<String, String> serviceEnv) {
        Options options = Options.ephemeral(dataDir)
                .withServicesDir(servicesDir)
                .withKafkaPartitions(kafkaPartitions)
                .withServiceJvmArgs(serviceJvmArgs)
                .withServiceEnv(serviceEnv);
        StackListener listener = (component, status) -> System.err.println("[bench] " + component + " " + status);
        return new DevStackSystem(LocalStack.start(options, listener));
    }

    public Path logsDir() {
        return stack.logsDir();
    }

    @Override
    public SystemUnderTest system() {
        return system;
    }

    @Override
    public void close() {
        stack.close();
    }
}
