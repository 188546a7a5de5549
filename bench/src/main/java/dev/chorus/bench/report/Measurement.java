package dev.chorus.bench.report;

import dev.chorus.bench.core.LatencyStats;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One cell of a benchmark: a workload with its parameters, run against one target (the system or a
 * baseline) through one access path (HTTP or raw SQL).
 *
 * @param latencies named distributions, e.g. "accept", "visibility", "request"
 * @param rates named throughputs per second, e.g. "messages/s", "deliveries/s", "requests/s"
 * @param counts named totals, e.g. "sent", "errors"
 */
public record Measurement(
        String id,
        String workload,
        String target,
        String access,
        Map<String, String> params,
        Map<String, LatencyStats> latencies,
        Map<String, Double> rates,
        Map<String, Long> counts,
        String note) {

    public static Builder builder(String workload, String target, String access) {
        return new Builder(workload, target, access);
    }

    public double rate(String name) {
        Double v = rates.get(name);
        return v == null ? Double.NaN : v;
    }

    public LatencyStats latency(String name) {
        LatencyStats s = latencies.get(name);
        return s == null ? LatencyStats.EMPTY : s;
    }

    /** Fluent construction; the id is derived from workload, target, access and params. */
    public static final class Builder {
        private final String workload;
        private final String target;
        private final String access;
        private final Map<String, String> params = new LinkedHashMap<>();
        private final Map<String, LatencyStats> latencies = new LinkedHashMap<>();
        private final Map<String, Double> rates = new LinkedHashMap<>();
        private final Map<String, Long> counts = new LinkedHashMap<>();
        private String note = "";

        private Builder(String workload, String target, String access) {
            this.workload = workload;
            this.target = target;
            this.access = access;
        }

        public Builder param(String name, Object value) {
            params.put(name, String.valueOf(value));
            return this;
        }

        public Builder latency(String name, LatencyStats stats) {
            latencies.put(name, stats);
            return this;
        }

        public Builder rate(String name, double perSecond) {
            rates.put(name, perSecond);
            return this;
        }

        public Builder count(String name, long value) {
            counts.put(name, value);
            return this;
        }

        public Builder note(String note) {
            this.note = note;
            return this;
        }

        public Measurement build() {
            return new Measurement(
                    idOf(workload, target, access, params),
                    workload,
                    target,
                    access,
                    new LinkedHashMap<>(params),
                    new LinkedHashMap<>(latencies),
                    new LinkedHashMap<>(rates),
                    new LinkedHashMap<>(counts),
                    note);
        }
    }

    /** A stable id, e.g. {@code read-inbox/chorus/HTTP/conversations=500,concurrency=4}. */
    public static String idOf(String workload, String target, String access, Map<String, String> params) {
        StringBuilder id = new StringBuilder(workload)
                .append('/')
                .append(target)
                .append('/')
                .append(access);
        String sep = "/";
        for (Map.Entry<String, String> p : params.entrySet()) {
            id.append(sep).append(p.getKey()).append('=').append(p.getValue());
            sep = ",";
        }
        return id.toString();
    }
}
