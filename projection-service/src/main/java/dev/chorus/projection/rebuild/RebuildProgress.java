package dev.chorus.projection.rebuild;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * The live state of one run, written by the run's thread and read by the status endpoint, the
 * metrics and the console progress bar.
 */
public final class RebuildProgress {

    private static final int MAX_SAMPLES = 20;

    private final Operation operation;
    private final String target;
    private final Clock clock;
    private final LongConsumer onReplayed;
    private final Instant startedAt;
    private final AtomicLong replayed = new AtomicLong();
    private final AtomicLong total = new AtomicLong();
    private final Map<Phase, Duration> phaseTimes = new LinkedHashMap<>();
    private final List<String> rejectedSamples = new ArrayList<>();
    private final Map<String, Object> details = new LinkedHashMap<>();
    private volatile Phase phase = Phase.PREPARING;
    private volatile long phaseStartedNanos = System.nanoTime();
    private volatile long replayNanos;
    private volatile Instant finishedAt;
    private volatile String schema;
    private volatile String retiredSchema;
    private volatile long rebuiltPosition;
    private volatile long livePosition;
    private volatile long rejected;
    private volatile String error;
    private volatile String result;

    RebuildProgress(Operation operation, String target, Clock clock, LongConsumer onReplayed) {
        this.operation = operation;
        this.target = target;
        this.clock = clock;
        this.onReplayed = onReplayed;
        this.startedAt = clock.instant();
    }

    public Operation operation() {
        return operation;
    }

    public Phase phase() {
        return phase;
    }

    public boolean finished() {
        return finishedAt != null;
    }

    synchronized void phase(Phase next) {
        long now = System.nanoTime();
        phaseTimes.merge(phase, Duration.ofNanos(now - phaseStartedNanos), Duration::plus);
        phase = next;
        phaseStartedNanos = now;
        if (next == Phase.DONE || next == Phase.FAILED) {
            finishedAt = clock.instant();
        }
    }

    void addToTotal(long events) {
        total.addAndGet(events);
    }

    /** {@code events} more applied, after {@code nanos} of wall time (reading, decoding, writing). */
    void replayed(long events, long nanos) {
        replayed.addAndGet(events);
        replayNanos += nanos;
        onReplayed.accept(events);
    }

    public long eventsReplayed() {
        return replayed.get();
    }

    synchronized void rejected(long position, String type, String reason) {
        rejected++;
        if (rejectedSamples.size() < MAX_SAMPLES) {
            rejectedSamples.add("position " + position + " (" + type + "): " + reason);
        }
    }

    /** A figure worth showing in the status (index build times, rows written, ...). */
    synchronized void detail(String name, Object value) {
        details.put(name, value);
    }

    void schema(String schema) {
        this.schema = schema;
    }

    void retiredSchema(String retired) {
        this.retiredSchema = retired;
    }

    void positions(long rebuilt, long live) {
        this.rebuiltPosition = rebuilt;
        this.livePosition = live;
    }

    void failed(Throwable e) {
        error = e.getClass().getSimpleName() + ": " + e.getMessage();
        phase(Phase.FAILED);
    }

    void done(String result) {
        this.result = result;
        phase(Phase.DONE);
    }

    /** Replay throughput: events per second of wall time spent replaying. */
    public double eventsPerSecond() {
        long nanos = replayNanos;
        return nanos <= 0 ? 0 : replayed.get() / (nanos / 1e9);
    }

    public synchronized RebuildStatus snapshot() {
        long done = replayed.get();
        long all = Math.max(total.get(), done);
        double rate = eventsPerSecond();
        Long eta = finished() || rate <= 0 ? null : Math.round((all - done) / rate);
        Map<String, Double> phases = new LinkedHashMap<>();
        phaseTimes.forEach((p, d) -> phases.put(p.name(), d.toMillis() / 1000.0));
        if (!finished()) {
            phases.merge(phase.name(), (System.nanoTime() - phaseStartedNanos) / 1e9, Double::sum);
        }
        return new RebuildStatus(
                operation,
                target,
                finished() ? (error == null ? "SUCCEEDED" : "FAILED") : "RUNNING",
                phase,
                startedAt,
                finishedAt,
                Duration.between(startedAt, finishedAt == null ? clock.instant() : finishedAt)
                                .toMillis()
                        / 1000.0,
                all,
                done,
                all == 0 ? 0 : Math.min(100.0, 100.0 * done / all),
                Math.round(rate),
                eta,
                schema,
                retiredSchema,
                rebuiltPosition,
                livePosition,
                rejected,
                List.copyOf(rejectedSamples),
                phases,
                Map.copyOf(details),
                result,
                error);
    }
}
