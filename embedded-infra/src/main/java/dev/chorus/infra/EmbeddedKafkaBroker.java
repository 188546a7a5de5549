package dev.chorus.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool$;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker in KRaft mode (combined broker and controller) inside this JVM.
 * Storage is formatted exactly as {@code kafka-storage.sh format} would.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private final KafkaRaftServer server;
    private final int port;
    private final Path logDir;
    private final boolean deleteOnClose;

    private EmbeddedKafkaBroker(KafkaRaftServer server, int port, Path logDir, boolean deleteOnClose) {
        this.server = server;
        this.port = port;
        this.logDir = logDir;
        this.deleteOnClose = deleteOnClose;
    }

    /**
     * Starts a broker.
     *
     * @param logDirectory where the log lives; null for a throw-away directory
     * @param reset wipe {@code logDirectory} first
     * @param port 0 for a free port
     * @param defaultPartitions partitions of auto-created topics
     */
    public static EmbeddedKafkaBroker start(Path logDirectory, boolean reset, int port, int defaultPartitions) {
        try {
            boolean throwAway = logDirectory == null;
            Path dir = throwAway ? Files.createTempDirectory("kraft-") : logDirectory;
            if (reset) {
                deleteRecursively(dir);
            }
            Files.createDirectories(dir);
            int brokerPort = port == 0 ? FreePorts.next() : port;
            int controllerPort = FreePorts.next();
            Properties props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
            props.put("controller.listener.names", "CONTROLLER");
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("log.dirs", dir.toAbsolutePath().toString());
            props.put("num.partitions", Integer.toString(defaultPartitions));
            props.put("offsets.topic.replication.factor", "1");
            props.put("offsets.topic.num.partitions", "4");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("group.initial.rebalance.delay.ms", "0");
            props.put("auto.create.topics.enable", "true");
            props.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));

            // A restarted broker keeps its log dir and therefore its cluster id; only format once.
            if (!Files.exists(dir.resolve("meta.properties"))) {
                format(dir, props);
            }
            long started = System.nanoTime();
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
            server.startup();
            log.info("Kafka (KRaft) up on port {} in {} ms", brokerPort, (System.nanoTime() - started) / 1_000_000);
            return new EmbeddedKafkaBroker(server, brokerPort, dir, throwAway);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded Kafka", e);
        }
    }

    private static void format(Path dir, Properties props) throws IOException {
        Path config = Files.createTempFile("kraft-server", ".properties");
        try (var out = Files.newBufferedWriter(config)) {
            props.store(out, "embedded KRaft broker");
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int rc = StorageTool$.MODULE$.execute(
                new String[] {
                    "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString(), "--ignore-formatted"
                },
                new PrintStream(buffer, true, StandardCharsets.UTF_8));
        Files.deleteIfExists(config);
        if (rc != 0) {
            throw new IllegalStateException("kafka storage format failed: " + buffer.toString(StandardCharsets.UTF_8));
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        if (deleteOnClose) {
            deleteRecursively(logDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
