package dev.chorus.projection.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** The conversation-events topic, shared with command-service (which publishes to it). */
@Validated
@ConfigurationProperties("chorus.kafka")
public record KafkaTopicProperties(
        @NotBlank @DefaultValue("chorus.conversation-events") String topic, @Min(1) @DefaultValue("8") int partitions) {

    /** Where records that cannot be projected go, keyed like the original. */
    public String deadLetterTopic() {
        return topic + ".DLT";
    }
}
