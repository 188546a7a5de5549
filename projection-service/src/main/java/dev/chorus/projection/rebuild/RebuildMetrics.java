package dev.chorus.projection.rebuild;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Meters of rebuilds (Prometheus names {@code chorus_rebuild_*}): events replayed (a counter over
 * all runs), the current run's rate, progress, time left and phase, and runs by outcome.
 */
public class RebuildMetrics {

    public static final String EVENTS_REPLAYED = "chorus.rebuild.events.replayed";
    public static final String RATE = "chorus.rebuild.events.rate";
    public static final String PROGRESS = "chorus.rebuild.progress";
    public static final String ETA = "chorus.rebuild.eta";
    public static final String PHASE = "chorus.rebuild.phase";
    public static final String RUNNING = "chorus.rebuild.running";
    public static final String RUNS = "chorus.rebuild.runs";

    private final MeterRegistry registry;
    private final AtomicLong replayed = new AtomicLong();
    private volatile Supplier<RebuildProgress> current = () -> null;

    public RebuildMetrics(MeterRegistry registry) {
        this.registry = registry;
        FunctionCounter.builder(EVENTS_REPLAYED, replayed, AtomicLong::get)
                .description("Events replayed from the event store by rebuilds, repairs and verifications")
                .baseUnit("events")
                .register(registry);
        Gauge.builder(RATE, this, m -> m.running() ? m.current().eventsPerSecond() : 0)
                .description("Replay throughput of the running rebuild")
                .baseUnit("events.per.second")
                .register(registry);
        Gauge.builder(PROGRESS, this, m -> m.running() ? m.current().snapshot().percent() / 100.0 : 0)
                .description("Share of the known events replayed by the running rebuild (0..1)")
                .register(registry);
        Gauge.builder(ETA, this, m -> {
                    if (!m.running()) {
                        return 0;
                    }
                    Long eta = m.current().snapshot().etaSeconds();
                    return eta == null ? Double.NaN : eta;
                })
                .description("Estimated time left in the running rebuild's replay")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder(
                        PHASE,
                        this,
                        m -> m.current() == null ? 0 : m.current().phase().ordinal())
                .description("Phase of the current or last run, as the ordinal of dev.chorus.projection.rebuild.Phase"
                        + " (0 idle ... 9 done, 10 failed)")
                .register(registry);
        Gauge.builder(RUNNING, this, m -> m.running() ? 1 : 0)
                .description("1 while a rebuild, repair or verification runs in this process")
                .register(registry);
    }

    void follow(Supplier<RebuildProgress> current) {
        this.current = current;
    }

    void replayed(long events) {
        replayed.addAndGet(events);
    }

    void finished(RebuildProgress progress, String outcome) {
        Duration took = Duration.ofMillis(Math.round(progress.snapshot().elapsedSeconds() * 1000));
        Timer.builder(RUNS)
                .description("Rebuild, repair and verification runs by operation and outcome")
                .tag("operation", progress.operation().name().toLowerCase())
                .tag("outcome", outcome)
                .register(registry)
                .record(took);
    }

    private RebuildProgress current() {
        return current.get();
    }

    private boolean running() {
        RebuildProgress p = current();
        return p != null && !p.finished();
    }
}
