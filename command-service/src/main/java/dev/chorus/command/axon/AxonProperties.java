package dev.chorus.command.axon;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tuning of the write path.
 *
 * @param snapshotThreshold events after which a conversation aggregate is snapshotted, so a busy
 *     conversation is not replayed from its first event when it drops out of the cache
 * @param commandTimeout how long an HTTP request waits for its command (retries included)
 * @param conflictRetries how often a command that lost an optimistic-locking race is retried
 * @param conflictRetryDelay base delay before the first retry (doubles per attempt, with jitter)
 * @param cachedConversations conversation aggregates kept in memory (least recently used evicted)
 */
@ConfigurationProperties("chorus.commands")
public record AxonProperties(
        @DefaultValue("100") int snapshotThreshold,
        @DefaultValue("30s") Duration commandTimeout,
        @DefaultValue("8") int conflictRetries,
        @DefaultValue("10ms") Duration conflictRetryDelay,
        @DefaultValue("10000") int cachedConversations) {}
