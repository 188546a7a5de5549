package dev.chorus.command.relay;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where and how the event store is relayed to Kafka.
 *
 * @param topic the one topic of all conversation events
 * @param partitions partitions of the topic when this service creates it
 * @param replicationFactor replicas when this service creates it (-1: the broker's default)
 * @param ackTimeout how long a relay batch waits for the broker's acknowledgements before it fails
 *     (and is retried from the event store)
 */
@ConfigurationProperties("chorus.kafka")
public record RelayProperties(
        @DefaultValue("chorus.conversation-events") String topic,
        @DefaultValue("8") int partitions,
        @DefaultValue("-1") short replicationFactor,
        @DefaultValue("30s") Duration ackTimeout) {}
