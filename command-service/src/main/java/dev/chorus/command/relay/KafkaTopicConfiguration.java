package dev.chorus.command.relay;

import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Creates the events topic at start-up if it is missing (Spring's KafkaAdmin applies NewTopic beans). */
@Configuration(proxyBeanMethods = false)
public class KafkaTopicConfiguration {

    @Bean
    public NewTopic conversationEventsTopic(RelayProperties properties) {
        Optional<Short> replicas =
                properties.replicationFactor() > 0 ? Optional.of(properties.replicationFactor()) : Optional.empty();
        return new NewTopic(properties.topic(), Optional.of(properties.partitions()), replicas);
    }
}
