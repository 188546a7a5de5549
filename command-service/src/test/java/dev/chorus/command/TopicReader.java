package dev.chorus.command;

import dev.chorus.events.EventCodec;
import dev.chorus.events.EventEnvelope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the events topic from the beginning with a plain consumer (no group), as any consumer could. */
public final class TopicReader implements AutoCloseable {

    /** One record: where it was, its key, and the envelope decoded with the shared codec. */
    public record Record(int partition, long offset, String key, byte[] value, EventEnvelope envelope) {}

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Record> records = new ArrayList<>();

    public TopicReader(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Everything read so far about one conversation, in the order of the partition. */
    public synchronized List<Record> poll(UUID conversationId) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            records.add(new Record(r.partition(), r.offset(), r.key(), r.value(), EventCodec.decode(r.value())));
        }
        return records.stream()
                .filter(r -> r.envelope().conversationId().equals(conversationId))
                .collect(Collectors.toList());
    }

    @Override
    public void close() {
        consumer.close();
    }
}
