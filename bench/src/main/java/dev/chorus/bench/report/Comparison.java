package dev.chorus.bench.report;

/**
 * The system against one baseline on one figure. {@code ratio} is oriented so that larger is better
 * for the system: baseline/system for latencies, system/baseline for throughputs.
 */
public record Comparison(
        String label,
        String metric,
        String chorusId,
        double chorusValue,
        String baselineId,
        double baselineValue,
        double ratio,
        String reading) {

    /** For a latency: how many times faster the system is. */
    public static Comparison latency(
            String label, String metric, Measurement chorus, double chorusMs, Measurement baseline, double baselineMs) {
        double ratio = chorusMs > 0 ? baselineMs / chorusMs : Double.NaN;
        return new Comparison(label, metric, chorus.id(), chorusMs, baseline.id(), baselineMs, ratio, "x faster");
    }

    /** For a throughput: how many times more the system does. */
    public static Comparison throughput(
            String label,
            String metric,
            Measurement chorus,
            double chorusRate,
            Measurement baseline,
            double baselineRate) {
        double ratio = baselineRate > 0 ? chorusRate / baselineRate : Double.NaN;
        return new Comparison(label, metric, chorus.id(), chorusRate, baseline.id(), baselineRate, ratio, "x more");
    }
}
