package dev.chorus.bench.report;

import java.util.List;

/** A latency percentile-spectrum chart: one series per (measurement, latency name). */
public record ChartSpec(String id, String title, List<Series> series) {

    public record Series(String label, String measurementId, String latency) {}
}
