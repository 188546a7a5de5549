package dev.chorus.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.events.EventEnvelope;
import dev.chorus.projection.readmodel.ProjectionMetrics;
import dev.chorus.projection.support.ConversationScript;
import dev.chorus.projection.support.ProjectionIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** Records the projection cannot use are parked on the DLT, counted, and the partition flows on. */
class DeadLetterTest extends ProjectionIntegrationTest {

    private static final String DLT = TOPIC + ".DLT";

    @Test
    void aPoisonPillGoesToTheDeadLetterTopicAndTheConversationKeepsFlowing() {
        ConversationScript c = ConversationScript.group(1, 2);
        c.send(1, "before");
        publishAndAwait(c.take());
        double parkedBefore = counter(ProjectionMetrics.DEAD_LETTERS);

        byte[] poison =
                ("{\"not\": \"an envelope\", \"id\": \"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8);
        publishRaw(c.id().toString(), poison); // same key: same partition, just ahead of the next events
        c.send(1, "after");
        publishAndAwait(c.take());

        assertThat(rows().conversation(c.id()).lastSeq()).isEqualTo(2);
        assertThat(rows().unread(2, c.id())).isEqualTo(2);
        assertThat(counter(ProjectionMetrics.DEAD_LETTERS) - parkedBefore).isEqualTo(1);
        ConsumerRecord<String, byte[]> parked = awaitDeadLetter(poison);
        assertThat(parked.key()).isEqualTo(c.id().toString());
        assertThat(header(parked, "kafka_dlt-original-topic")).isEqualTo(TOPIC);
        assertThat(header(parked, "kafka_dlt-exception-message")).contains("Cannot decode event");
    }

    @Test
    void anEventAfterASequenceGapIsParkedNotAppliedOutOfOrder() {
        ConversationScript c = ConversationScript.group(1, 2);
        c.send(1, "one").send(1, "two").send(1, "three");
        List<EventEnvelope> events = c.take();
        List<EventEnvelope> withGap = new ArrayList<>(events);
        withGap.remove(2); // seq 2 never arrives

        publishAndAwait(withGap);

        assertThat(rows().conversation(c.id()).lastSeq()).isEqualTo(1);
        assertThat(counter(ProjectionMetrics.EVENTS_REJECTED)).isPositive();
        ConsumerRecord<String, byte[]> parked = awaitDeadLetter(dev.chorus.events.EventCodec.encode(events.get(3)));
        assertThat(header(parked, "kafka_dlt-exception-message")).contains("expected seq 2 but got 3");
    }

    private ConsumerRecord<String, byte[]> awaitDeadLetter(byte[] value) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            List<TopicPartition> partitions = consumer.partitionsFor(DLT).stream()
                    .map(p -> new TopicPartition(DLT, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
            return await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> {
                                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                                return seen.stream()
                                        .filter(r -> Arrays.equals(r.value(), value))
                                        .findFirst();
                            },
                            Optional::isPresent)
                    .orElseThrow();
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
