package dev.chorus.bench.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Everything one run measured; written as Markdown, JSON and PNG by {@link ReportWriter}. */
public record BenchReport(
        String name,
        String profile,
        String command,
        Instant startedAt,
        double durationSeconds,
        MachineInfo machine,
        Map<String, Object> settings,
        List<String> notes,
        List<String> method,
        List<Measurement> measurements,
        List<Comparison> comparisons,
        List<Goal> goals,
        List<ChartSpec> charts,
        List<Appendix> appendices) {

    /** Verbatim text worth keeping with the figures, e.g. the query plans behind them. */
    public record Appendix(String title, String text) {}

    public Measurement measurement(String id) {
        return measurements.stream()
                .filter(m -> m.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No measurement " + id));
    }
}
