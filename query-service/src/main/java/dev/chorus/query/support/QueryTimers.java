package dev.chorus.query.support;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Latency of each read-model query ({@code chorus.query.latency{query=inbox|history|...}}), with a
 * percentile histogram so dashboards and the benchmark can read p99 from Prometheus.
 */
@Component
public class QueryTimers {

    private final MeterRegistry registry;

    public QueryTimers(MeterRegistry registry) {
        this.registry = registry;
    }

    public <T> T time(String query, Supplier<T> work) {
        Timer timer = Timer.builder("chorus.query.latency")
                .description("Time to answer one read-model query")
                .tag("query", query)
                .publishPercentileHistogram()
                .register(registry);
        return timer.record(work);
    }
}
