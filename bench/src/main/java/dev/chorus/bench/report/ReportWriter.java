package dev.chorus.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.chorus.bench.core.LatencyStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Writes {@code <name>.md}, {@code <name>.json} and the PNG charts into one directory. */
public final class ReportWriter {

    private ReportWriter() {}

    public static ObjectMapper json() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** Writes all files; returns them, the Markdown first. */
    public static List<Path> write(BenchReport report, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path jsonFile = directory.resolve(report.name() + ".json");
        json().writeValue(jsonFile.toFile(), report);
        List<Path> charts;
        String chartProblem = "";
        try {
            charts = LatencyCharts.write(report, directory, report.name());
        } catch (IOException | RuntimeException e) {
            // The figures matter more than the pictures: never lose a run to a plotting problem.
            charts = List.of();
            chartProblem = "\n(The latency plots could not be drawn: " + e + ")\n";
        }
        Path md = directory.resolve(report.name() + ".md");
        Files.writeString(md, markdown(report, charts) + chartProblem);
        List<Path> files = new ArrayList<>(List.of(md, jsonFile));
        files.addAll(charts);
        return files;
    }

    public static String markdown(BenchReport r, List<Path> charts) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark report: ").append(r.name()).append("\n\n");
        md.append("Profile `")
                .append(r.profile())
                .append("`, started ")
                .append(r.startedAt())
                .append(", took ")
                .append(fmt(r.durationSeconds()))
                .append(" s. Command: `")
                .append(r.command())
                .append("`\n\n");

        md.append(
                "## Goals (issue 5)\n\n| goal | target | this run | verdict | why / what would close it |\n|---|---|---|---|---|\n");
        for (Goal g : r.goals()) {
            md.append("| ")
                    .append(cell(g.goal()))
                    .append(" | ")
                    .append(cell(g.target()))
                    .append(" | ")
                    .append(cell(g.actual()))
                    .append(" | **")
                    .append(g.verdict())
                    .append("** | ")
                    .append(cell(g.note()))
                    .append(" |\n");
        }
        if (r.goals().isEmpty()) {
            md.append("| (no goal measured in this run) | | | | |\n");
        }

        md.append("\n## Ratios against the baselines\n\n")
                .append(
                        "Larger is better for Chorus: baseline/Chorus for latencies, Chorus/baseline for throughputs.\n\n")
                .append("| comparison | figure | Chorus | baseline | ratio |\n|---|---|---|---|---|\n");
        for (Comparison c : r.comparisons()) {
            md.append("| ")
                    .append(cell(c.label()))
                    .append(" | ")
                    .append(cell(c.metric()))
                    .append(" | ")
                    .append(fmt(c.chorusValue()))
                    .append(" | ")
                    .append(fmt(c.baselineValue()))
                    .append(" | **")
                    .append(fmt(c.ratio()))
                    .append(c.reading())
                    .append("** |\n");
        }

        if (!r.notes().isEmpty()) {
            md.append("\n## Read this first\n\n");
            r.notes().forEach(n -> md.append("- ").append(n).append('\n'));
        }

        md.append("\n## Machine\n\n| | |\n|---|---|\n");
        MachineInfo m = r.machine();
        row(md, "cores", m.cores());
        row(md, "CPU", m.cpuModel());
        row(md, "memory", m.memoryMiB() + " MiB");
        row(md, "OS", m.os());
        row(md, "Java", m.javaVersion() + " (" + m.javaVm() + ")");
        row(md, "bench JVM max heap", m.benchMaxHeapMiB() + " MiB");
        row(md, "PostgreSQL", m.postgresVersion());
        row(md, "load average at start / end", fmt(m.loadAverageAtStart()) + " / " + fmt(m.loadAverageAtEnd()));

        md.append("\n## Settings\n\n| setting | value |\n|---|---|\n");
        r.settings().forEach((k, v) -> row(md, k, v));

        Map<String, List<Measurement>> byWorkload = new LinkedHashMap<>();
        for (Measurement x : r.measurements()) {
            byWorkload.computeIfAbsent(x.workload(), k -> new ArrayList<>()).add(x);
        }
        md.append("\n## All figures\n\nLatencies in ms; rates per second.\n");
        byWorkload.forEach((workload, ms) -> table(md, workload, ms));

        if (!r.method().isEmpty()) {
            md.append("\n## Method\n\n");
            r.method().forEach(line -> md.append("- ").append(line).append('\n'));
        }

        for (BenchReport.Appendix a : r.appendices()) {
            md.append("\n## ")
                    .append(a.title())
                    .append("\n\n```\n")
                    .append(a.text().strip())
                    .append("\n```\n");
        }

        if (!charts.isEmpty()) {
            md.append("\n## Latency plots\n\n");
            for (Path chart : charts) {
                md.append("![")
                        .append(chart.getFileName())
                        .append("](")
                        .append(chart.getFileName())
                        .append(")\n\n");
            }
        }
        return md.toString();
    }

    private static void table(StringBuilder md, String workload, List<Measurement> ms) {
        Set<String> params = new LinkedHashSet<>();
        Set<String> latencies = new LinkedHashSet<>();
        Set<String> rates = new LinkedHashSet<>();
        Set<String> counts = new LinkedHashSet<>();
        for (Measurement m : ms) {
            params.addAll(m.params().keySet());
            latencies.addAll(m.latencies().keySet());
            rates.addAll(m.rates().keySet());
            counts.addAll(m.counts().keySet());
        }
        md.append("\n### ").append(workload).append("\n\n| target | access |");
        params.forEach(p -> md.append(' ').append(p).append(" |"));
        for (String l : latencies) {
            md.append(' ')
                    .append(l)
                    .append(" p50 | ")
                    .append(l)
                    .append(" p90 | ")
                    .append(l)
                    .append(" p99 | ");
            md.append(l).append(" p99.9 | ").append(l).append(" max |");
        }
        rates.forEach(x -> md.append(' ').append(x).append(" |"));
        counts.forEach(x -> md.append(' ').append(x).append(" |"));
        md.append(" note |\n|");
        int columns = 3 + params.size() + latencies.size() * 5 + rates.size() + counts.size();
        md.append("---|".repeat(columns)).append('\n');
        for (Measurement m : ms) {
            md.append("| ")
                    .append(cell(m.target()))
                    .append(" | ")
                    .append(m.access())
                    .append(" |");
            params.forEach(p ->
                    md.append(' ').append(cell(m.params().getOrDefault(p, ""))).append(" |"));
            for (String l : latencies) {
                LatencyStats s = m.latencies().get(l);
                if (s == null || s.count() == 0) {
                    md.append(" | | | | |");
                } else {
                    md.append(' ')
                            .append(fmt(s.p50Ms()))
                            .append(" | ")
                            .append(fmt(s.p90Ms()))
                            .append(" | ");
                    md.append(fmt(s.p99Ms()))
                            .append(" | ")
                            .append(fmt(s.p999Ms()))
                            .append(" | ");
                    md.append(fmt(s.maxMs())).append(" |");
                }
            }
            rates.forEach(x -> md.append(' ')
                    .append(m.rates().containsKey(x) ? fmt(m.rates().get(x)) : "")
                    .append(" |"));
            counts.forEach(x -> md.append(' ')
                    .append(m.counts().containsKey(x) ? m.counts().get(x) : "")
                    .append(" |"));
            md.append(' ').append(cell(m.note())).append(" |\n");
        }
    }

    private static void row(StringBuilder md, String name, Object value) {
        md.append("| ")
                .append(cell(name))
                .append(" | ")
                .append(cell(String.valueOf(value)))
                .append(" |\n");
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }

    /** Three significant figures for small numbers, thousands separators for large ones. */
    public static String fmt(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
