package dev.chorus.bench.core;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Records latencies from many threads (wait-free, HdrHistogram {@link Recorder}) and keeps both the
 * running total and the latest interval, so a progress line can show the last second while the total
 * goes into the report. Values are stored in microseconds, up to {@link #MAX_MICROS}; larger ones are
 * clamped (and counted) rather than lost.
 */
public final class LatencyRecorder {

    public static final long MAX_MICROS = 120_000_000L;
    public static final int SIGNIFICANT_DIGITS = 3;

    private final Recorder recorder = new Recorder(MAX_MICROS, SIGNIFICANT_DIGITS);
    private final Histogram total = new Histogram(MAX_MICROS, SIGNIFICANT_DIGITS);
    private Histogram interval;
    private final java.util.concurrent.atomic.LongAdder clamped = new java.util.concurrent.atomic.LongAdder();

    public void recordNanos(long nanos) {
        long micros = Math.max(0, nanos / 1_000);
        if (micros > MAX_MICROS) {
            clamped.increment();
            micros = MAX_MICROS;
        }
        recorder.recordValue(micros);
    }

    /** What was recorded since the previous call; also added to the total. */
    public synchronized Histogram drainInterval() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        return interval;
    }

    /** A copy of everything recorded so far. */
    public synchronized Histogram total() {
        drainInterval();
        return total.copy();
    }

    public LatencyStats stats() {
        return LatencyStats.ofMicros(total());
    }

    public long clampedCount() {
        return clamped.sum();
    }
}
