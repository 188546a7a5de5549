package dev.chorus.bench.core;

import java.nio.ByteBuffer;
import java.util.Base64;
import org.HdrHistogram.Histogram;

/**
 * The figures of one latency distribution, in milliseconds, plus the HdrHistogram itself (compressed,
 * base64) so that any other percentile can be recomputed from the JSON report.
 */
public record LatencyStats(
        long count,
        double meanMs,
        double p50Ms,
        double p90Ms,
        double p99Ms,
        double p999Ms,
        double maxMs,
        String histogramBase64) {

    public static final LatencyStats EMPTY = new LatencyStats(0, 0, 0, 0, 0, 0, 0, "");

    /** Summarises a histogram whose values are microseconds. */
    public static LatencyStats ofMicros(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencyStats(
                micros.getTotalCount(),
                micros.getMean() / 1000.0,
                ms(micros, 50.0),
                ms(micros, 90.0),
                ms(micros, 99.0),
                ms(micros, 99.9),
                micros.getMaxValue() / 1000.0,
                encode(micros));
    }

    private static double ms(Histogram micros, double percentile) {
        return micros.getValueAtPercentile(percentile) / 1000.0;
    }

    private static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The histogram back from {@link #histogramBase64()}; empty when nothing was recorded. */
    public Histogram decodeHistogram() {
        if (histogramBase64.isEmpty()) {
            return new Histogram(LatencyRecorder.MAX_MICROS, LatencyRecorder.SIGNIFICANT_DIGITS);
        }
        try {
            return Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(histogramBase64)), 0);
        } catch (java.util.zip.DataFormatException e) {
            throw new IllegalStateException("Corrupt histogram in report", e);
        }
    }
}
