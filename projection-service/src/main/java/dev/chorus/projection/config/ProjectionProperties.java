package dev.chorus.projection.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the projection.
 *
 * @param groupId Kafka consumer group; all replicas share it
 * @param concurrency consumer threads per replica (each owns some partitions)
 * @param maxPollRecords upper bound of one consumed batch, and so of one read-model transaction
 * @param largeGroupThreshold member count above which a conversation gets no user_inbox rows
 *     (fan-out on read: query-service computes those entries from computed_inbox_entry)
 * @param maxRetryInterval cap of the back-off between retries of a batch that failed on the
 *     database; retries never stop (an event is never skipped because the database was down)
 */
@Validated
@ConfigurationProperties("chorus.projection")
public record ProjectionProperties(
        @NotBlank @DefaultValue("chorus-projection") String groupId,
        @Min(1) @DefaultValue("2") int concurrency,
        @Min(1) @DefaultValue("500") int maxPollRecords,
        @Min(1) @DefaultValue("1000") int largeGroupThreshold,
        @NotNull @DefaultValue("30s") Duration maxRetryInterval) {}
