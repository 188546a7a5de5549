package dev.chorus.projection.support;

import static org.awaitility.Awaitility.await;

import dev.chorus.events.EventCodec;
import dev.chorus.events.EventEnvelope;
import dev.chorus.projection.readmodel.ProjectionMetrics;
import dev.chorus.projection.readmodel.Projector;
import dev.chorus.projection.readmodel.ProjectorSettings;
import dev.chorus.testsupport.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one Spring context of this module's tests (so it is started once): the real service on a
 * real PostgreSQL and a real Kafka broker from {@link TestInfrastructure}. Tests publish envelopes
 * with a plain producer, exactly as command-service's relay does, and wait until the consumer
 * group has committed everything published.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false) // the Prometheus scrape is part of what is tested
public abstract class ProjectionIntegrationTest {

    protected static final String TOPIC = "chorus.conversation-events";
    protected static final String GROUP = "chorus-projection";
    protected static final int LARGE_GROUP_THRESHOLD = 20;
    protected static final String LISTENER_ID = "conversation-events-projection";

    private static final TestInfrastructure INFRA = TestInfrastructure.get();
    private static final TestInfrastructure.Database DB = INFRA.newDatabase("projection");
    /** command-service's event store, read by rebuilds (tests fill it themselves). */
    protected static final TestInfrastructure.Database EVENT_STORE = INFRA.newDatabase("eventstore");

    protected static final String JWT_SECRET = "projection-service-tests-jwt-secret-0123456789";
    protected static final long ADMIN_USER_ID = 9_001;
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static KafkaProducer<String, byte[]> producer;
    private static Admin admin;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DB::jdbcUrl);
        registry.add("spring.datasource.username", DB::username);
        registry.add("spring.datasource.password", DB::password);
        registry.add("spring.kafka.bootstrap-servers", INFRA::bootstrapServers);
        registry.add("chorus.kafka.topic", () -> TOPIC);
        registry.add("chorus.kafka.partitions", () -> 4);
        registry.add("chorus.projection.group-id", () -> GROUP);
        registry.add("chorus.projection.large-group-threshold", () -> LARGE_GROUP_THRESHOLD);
        registry.add("chorus.projection.max-retry-interval", () -> "1s");
        registry.add("chorus.security.jwt-secret", () -> JWT_SECRET);
        registry.add("chorus.rebuild.event-store.url", EVENT_STORE::jdbcUrl);
        registry.add("chorus.rebuild.event-store.username", EVENT_STORE::username);
        registry.add("chorus.rebuild.event-store.password", EVENT_STORE::password);
        registry.add("chorus.rebuild.admin.user-ids", () -> ADMIN_USER_ID);
        registry.add("chorus.rebuild.verify.settle", () -> "200ms");
    }

    @Autowired
    protected NamedParameterJdbcTemplate jdbc;

    @Autowired
    protected JdbcClient sql;

    @Autowired
    protected Projector projector;

    @Autowired
    protected MeterRegistry meters;

    @Autowired
    protected KafkaListenerEndpointRegistry listeners;

    @Autowired
    protected DataSource dataSource;

    @Autowired
    protected PlatformTransactionManager transactions;

    protected ReadModelRows rows() {
        return new ReadModelRows(sql);
    }

    // ------------------------------------------------------------------ Kafka

    protected static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.bootstrapServers());
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
            producer = new KafkaProducer<>(p);
        }
        return producer;
    }

    protected static synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.bootstrapServers()));
        }
        return admin;
    }

    protected static String bootstrapServers() {
        return INFRA.bootstrapServers();
    }

    /** Publishes like the relay: key = conversation id, value = the encoded envelope; waits for acks. */
    protected void publish(List<EventEnvelope> events) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (EventEnvelope e : events) {
            sent.add(producer()
                    .send(new ProducerRecord<>(TOPIC, e.conversationId().toString(), EventCodec.encode(e))));
        }
        waitFor(sent);
    }

    protected void publishRaw(String key, byte[] value) {
        waitFor(List.of(producer().send(new ProducerRecord<>(TOPIC, key, value))));
    }

    protected void publishAndAwait(List<EventEnvelope> events) {
        publish(events);
        awaitProjected();
    }

    private static void waitFor(List<Future<RecordMetadata>> sent) {
        try {
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Publish failed", e.getCause());
        }
    }

    /** Waits until the projection's group has committed offsets up to the end of every partition. */
    protected void awaitProjected() {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .ignoreExceptions()
                .until(this::caughtUp);
    }

    private boolean caughtUp() throws Exception {
        List<TopicPartition> partitions =
                admin().describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions().stream()
                        .map(p -> new TopicPartition(TOPIC, p.partition()))
                        .toList();
        Map<TopicPartition, Long> ends = admin()
                .listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                .all()
                .get()
                .entrySet()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata()
                .get();
        return ends.entrySet().stream().allMatch(end -> {
            OffsetAndMetadata c = committed.get(end.getKey());
            return (c == null ? 0 : c.offset()) >= end.getValue();
        });
    }

    protected MessageListenerContainer listenerContainer() {
        return listeners.getListenerContainer(LISTENER_ID);
    }

    // ------------------------------------------------------------------ metrics

    protected double counter(String name) {
        return meters.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    protected long batches() {
        return meters.get(ProjectionMetrics.BATCH_SIZE).summary().count();
    }

    // ------------------------------------------------------------------ other schemas

    /** A fresh schema migrated by the same Flyway scripts, and a projector writing into it. */
    protected SchemaProjector projectorInFreshSchema(int largeGroupThreshold) {
        String schema = "replay_" + SCHEMAS.incrementAndGet();
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .locations("classpath:db/migration/readmodel")
                .load()
                .migrate();
        Projector p = new Projector(
                jdbc,
                new TransactionTemplate(transactions),
                new ProjectionMetrics(new SimpleMeterRegistry()),
                ProjectorSettings.defaultSchema(largeGroupThreshold).inSchema(schema));
        return new SchemaProjector(schema, p);
    }

    protected record SchemaProjector(String schema, Projector projector) {}

    protected Projector projectorWithThreshold(int largeGroupThreshold) {
        return new Projector(
                jdbc,
                new TransactionTemplate(transactions),
                new ProjectionMetrics(new SimpleMeterRegistry()),
                ProjectorSettings.defaultSchema(largeGroupThreshold));
    }

    protected TableDump dump() {
        return new TableDump(jdbc.getJdbcTemplate());
    }
}
