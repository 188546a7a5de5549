package dev.chorus.bench;

import dev.chorus.bench.report.MachineInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Samples the machine's load average while a run goes on, so the report can say how busy it was. */
final class LoadSampler {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-load-sampler");
        t.setDaemon(true);
        return t;
    });
    private final List<Double> samples = new ArrayList<>();

    static LoadSampler start() {
        LoadSampler sampler = new LoadSampler();
        sampler.timer.scheduleAtFixedRate(sampler::sample, 0, 5, TimeUnit.SECONDS);
        return sampler;
    }

    private synchronized void sample() {
        double load = MachineInfo.loadAverage();
        if (load >= 0) {
            samples.add(load);
        }
    }

    void stop() {
        timer.shutdownNow();
    }

    synchronized double max() {
        return samples.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    synchronized double median() {
        List<Double> sorted = samples.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }

    synchronized String summary() {
        double min = samples.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        return String.format("%.2f / %.2f / %.2f (%d samples)", min, median(), max(), samples.size());
    }
}
