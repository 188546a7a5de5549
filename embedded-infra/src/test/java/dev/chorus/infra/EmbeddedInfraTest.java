package dev.chorus.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedInfraTest {

    @Test
    void postgresServesSqlOnAFreshDatabase() throws Exception {
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(null, true, 0)) {
            pg.ensureDatabase("probe");
            pg.ensureDatabase("probe");
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("probe"), pg.username(), pg.password());
                    ResultSet rs = c.createStatement().executeQuery("SELECT current_database(), version()")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("probe");
                assertThat(rs.getString(2)).startsWith("PostgreSQL 17");
            }
        }
    }

    @Test
    void kafkaRoundTripsARecord() throws Exception {
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(null, true, 0, 2)) {
            Map<String, Object> common = Map.of("bootstrap.servers", kafka.bootstrapServers());
            Properties p = new Properties();
            p.putAll(common);
            try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("probe", "k", "hello")).get();
            }
            Properties c = new Properties();
            c.putAll(common);
            c.put("group.id", "probe");
            c.put("auto.offset.reset", "earliest");
            try (var consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("probe"));
                ConsumerRecords<String, String> records = ConsumerRecords.empty();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (records.isEmpty() && System.nanoTime() < deadline) {
                    records = consumer.poll(Duration.ofMillis(200));
                }
                assertThat(records.iterator().next().value()).isEqualTo("hello");
            }
        }
    }
}
