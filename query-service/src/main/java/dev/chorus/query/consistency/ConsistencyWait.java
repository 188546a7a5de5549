package dev.chorus.query.consistency;

import dev.chorus.events.ConsistencyToken;
import dev.chorus.query.QueryProperties;
import dev.chorus.web.ChorusException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes across the CQRS split: blocks the request until the read model includes the write
 * a consistency token names, polling its watermark with growing pauses (min, x2, ... up to max) for at
 * most {@code chorus.query.consistency-wait}. Polling a primary key every few milliseconds is cheap and
 * needs nothing from projection-service; the blocked request holds a servlet thread, which the short
 * bound keeps affordable.
 *
 * <p>Metrics: {@code chorus.query.consistency.wait{outcome=already-visible|visible|timeout}} (count
 * and duration of waits) and {@code chorus.query.consistency.waiting} (requests waiting right now).
 */
@Component
public class ConsistencyWait {

    private final ReadModelWatermarks watermarks;
    private final QueryProperties properties;
    private final Timer alreadyVisible;
    private final Timer becameVisible;
    private final Timer timedOut;
    private final AtomicInteger waiting = new AtomicInteger();

    ConsistencyWait(ReadModelWatermarks watermarks, QueryProperties properties, MeterRegistry registry) {
        this.watermarks = watermarks;
        this.properties = properties;
        this.alreadyVisible = timer(registry, "already-visible");
        this.becameVisible = timer(registry, "visible");
        this.timedOut = timer(registry, "timeout");
        Gauge.builder("chorus.query.consistency.waiting", waiting, AtomicInteger::get)
                .description("Requests with a Consistency-Token waiting for the read model right now")
                .register(registry);
    }

    /**
     * Returns once the read model includes the write.
     *
     * @throws ChorusException.ServiceUnavailable if it does not within the configured bound
     */
    public void awaitVisible(ConsistencyToken token) {
        long start = System.nanoTime();
        if (watermarks.includes(token)) {
            alreadyVisible.record(Duration.ofNanos(System.nanoTime() - start));
            return;
        }
        waiting.incrementAndGet();
        try {
            pollUntilVisible(token, start);
        } finally {
            waiting.decrementAndGet();
        }
    }

    private void pollUntilVisible(ConsistencyToken token, long start) {
        long deadline = start + properties.consistencyWait().toNanos();
        long pause = properties.consistencyPollMin().toNanos();
        long maxPause = properties.consistencyPollMax().toNanos();
        while (true) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                timedOut.record(Duration.ofNanos(System.nanoTime() - start));
                throw notYetVisible();
            }
            pause(Math.min(pause, remaining));
            if (watermarks.includes(token)) {
                becameVisible.record(Duration.ofNanos(System.nanoTime() - start));
                return;
            }
            pause = Math.min(pause * 2, maxPause);
        }
    }

    private void pause(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notYetVisible();
        }
    }

    private ChorusException.ServiceUnavailable notYetVisible() {
        return new ChorusException.ServiceUnavailable(
                "not-yet-consistent",
                "The read model does not include your write yet (waited "
                        + properties.consistencyWait().toMillis()
                        + " ms); retry the request with the same Consistency-Token",
                properties.retryAfter());
    }

    private static Timer timer(MeterRegistry registry, String outcome) {
        return Timer.builder("chorus.query.consistency.wait")
                .description("Time a request with a Consistency-Token waited for the read model")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry);
    }
}
