package dev.chorus.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** Collects what workloads measure while a run goes on. Thread-safe. */
public final class ReportBuilder {

    private final List<Measurement> measurements = Collections.synchronizedList(new ArrayList<>());
    private final List<Comparison> comparisons = Collections.synchronizedList(new ArrayList<>());
    private final List<Goal> goals = Collections.synchronizedList(new ArrayList<>());
    private final List<ChartSpec> charts = Collections.synchronizedList(new ArrayList<>());
    private final List<BenchReport.Appendix> appendices = Collections.synchronizedList(new ArrayList<>());
    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());
    private final List<String> method = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Object> settings = Collections.synchronizedMap(new LinkedHashMap<>());

    public Measurement add(Measurement m) {
        measurements.add(m);
        return m;
    }

    public void compare(Comparison c) {
        comparisons.add(c);
    }

    public void goal(Goal g) {
        goals.add(g);
    }

    public void chart(ChartSpec c) {
        charts.add(c);
    }

    public void appendix(String title, String text) {
        appendices.add(new BenchReport.Appendix(title, text));
    }

    /** A caveat the reader must know (shared machine, a skipped phase, an error). */
    public void note(String note) {
        notes.add(note);
    }

    /** How something was measured. */
    public void method(String line) {
        method.add(line);
    }

    public void setting(String name, Object value) {
        settings.put(name, value);
    }

    public Optional<Measurement> find(Predicate<Measurement> p) {
        synchronized (measurements) {
            return measurements.stream().filter(p).findFirst();
        }
    }

    public List<Measurement> measurements() {
        synchronized (measurements) {
            return List.copyOf(measurements);
        }
    }

    public BenchReport build(
            String name,
            String profile,
            String command,
            java.time.Instant startedAt,
            double seconds,
            MachineInfo machine) {
        return new BenchReport(
                name,
                profile,
                command,
                startedAt,
                seconds,
                machine,
                new LinkedHashMap<>(settings),
                List.copyOf(notes),
                List.copyOf(method),
                measurements(),
                List.copyOf(comparisons),
                List.copyOf(goals),
                List.copyOf(charts),
                List.copyOf(appendices));
    }
}
