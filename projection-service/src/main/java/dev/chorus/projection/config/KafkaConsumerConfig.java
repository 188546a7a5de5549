package dev.chorus.projection.config;

import dev.chorus.projection.readmodel.ProjectionMetrics;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.kafka.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration(proxyBeanMethods = false)
class KafkaConsumerConfig {

    private static final Logger log = LoggerFactory.getLogger(KafkaConsumerConfig.class);

    /**
     * Batch listeners; offsets committed by the container once per batch, after the listener
     * returned (so after the read-model commit). A batch that throws (database unavailable) is
     * retried with back-off and never skipped: the projection must not lose events. Unusable
     * records never reach this handler: the listener parks them on the dead-letter topic itself.
     */
    @Bean
    ConcurrentKafkaListenerContainerFactory<Object, Object> kafkaListenerContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
            ConsumerFactory<Object, Object> consumerFactory,
            ProjectionProperties properties,
            ProjectionMetrics metrics) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, consumerFactory);
        factory.setBatchListener(true);
        factory.getContainerProperties().setAckMode(AckMode.BATCH);
        factory.getContainerProperties().setSyncCommits(true);
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(properties.maxRetryInterval().toMillis());
        // No maxElapsedTime / maxAttempts: retry until the database is back.
        factory.setCommonErrorHandler(neverSkippingErrorHandler(backOff, metrics));
        return factory;
    }

    private static DefaultErrorHandler neverSkippingErrorHandler(
            ExponentialBackOff backOff, ProjectionMetrics metrics) {
        DefaultErrorHandler handler = new DefaultErrorHandler(
                (record, e) -> {
                    throw new IllegalStateException("The projection never skips a record it failed to apply", e);
                },
                backOff);
        // Every exception is retried: the defaults would "recover" (skip) some kinds at once.
        handler.setClassifications(Map.of(), true);
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception e, int attempt) {
                metrics.batchFailed();
            }

            @Override
            public void failedDelivery(ConsumerRecords<?, ?> records, Exception e, int attempt) {
                log.warn(
                        "Batch of {} records failed (attempt {}), retrying: {}",
                        records.count(),
                        attempt,
                        e.toString());
                metrics.batchFailed();
            }
        });
        return handler;
    }

    @Bean
    NewTopic conversationEventsTopic(KafkaTopicProperties topic) {
        return TopicBuilder.name(topic.topic()).partitions(topic.partitions()).build();
    }

    @Bean
    NewTopic conversationEventsDeadLetterTopic(KafkaTopicProperties topic) {
        return TopicBuilder.name(topic.deadLetterTopic())
                .partitions(topic.partitions())
                .build();
    }
}
