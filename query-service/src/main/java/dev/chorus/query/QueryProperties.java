package dev.chorus.query;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the query side.
 *
 * @param consistencyWait how long a request with a {@code Consistency-Token} may wait for the read
 *     model to include that write before it answers 503
 * @param consistencyPollMin the first pause between two watermark checks while waiting
 * @param consistencyPollMax the longest pause between two checks (pauses grow from min to max)
 * @param retryAfter what a 503 after a timed-out wait tells the client in {@code Retry-After}
 */
@ConfigurationProperties("chorus.query")
public record QueryProperties(
        @DefaultValue("2s") Duration consistencyWait,
        @DefaultValue("5ms") Duration consistencyPollMin,
        @DefaultValue("25ms") Duration consistencyPollMax,
        @DefaultValue("1s") Duration retryAfter) {

    public QueryProperties {
        if (consistencyWait.isNegative()) {
            throw new IllegalStateException("chorus.query.consistency-wait must not be negative: " + consistencyWait);
        }
        if (consistencyPollMin.isNegative()
                || consistencyPollMin.isZero()
                || consistencyPollMax.compareTo(consistencyPollMin) < 0) {
            throw new IllegalStateException("chorus.query.consistency-poll-min must be positive and at most"
                    + " chorus.query.consistency-poll-max, got " + consistencyPollMin + " and " + consistencyPollMax);
        }
    }
}
