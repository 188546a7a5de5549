package dev.chorus.bench;

import java.time.Duration;
import java.util.List;

/**
 * How big and how long a run is. {@code quick} takes seconds of load (a smoke run); {@code full} is the
 * committed report's profile and fits in about ten minutes on two cores, start-up included.
 */
public record Profile(
        String name,
        List<WritePhase> writePhases,
        WritePhase writeWarmup,
        int visibilitySamplesPerGroup,
        Duration pollInterval,
        Duration writeDrain,
        int naiveWriters,
        Duration naiveMaxDuration,
        ReadData readData,
        List<Integer> concurrencies,
        Duration readWarmup,
        Duration cellWarmup,
        Duration cellMeasure) {

    /** Open-loop senders into {@code groups} groups of {@code groupSize} members at {@code rate} messages/s. */
    public record WritePhase(int groupSize, int groups, double rate, Duration duration) {
        public long messages() {
            return Math.round(rate * duration.toNanos() / 1e9);
        }

        /** {@code size:groups:rate:seconds}, e.g. {@code 1000:5:200:20}. */
        public static WritePhase parse(String spec) {
            String[] p = spec.split(":");
            if (p.length != 4) {
                throw new IllegalArgumentException("A write phase is size:groups:rate:seconds, got " + spec);
            }
            return new WritePhase(
                    Integer.parseInt(p[0]), Integer.parseInt(p[1]), Double.parseDouble(p[2]), Duration.ofMillis((long)
                            (Double.parseDouble(p[3]) * 1000)));
        }
    }

    /** The read data set: see {@link dev.chorus.bench.data.ReadDataPlan}. */
    public record ReadData(
            List<Integer> tiers, int usersPerTier, int groups, int messagesPerGroup, int messagesPerDm, long seed) {}

    public static Profile quick() {
        return new Profile(
                "quick",
                List.of(
                        new WritePhase(10, 2, 20, Duration.ofSeconds(3)),
                        new WritePhase(100, 1, 20, Duration.ofSeconds(3)),
                        new WritePhase(1000, 1, 20, Duration.ofSeconds(3))),
                new WritePhase(10, 2, 20, Duration.ofSeconds(3)),
                3,
                Duration.ofMillis(5),
                Duration.ofSeconds(15),
                2,
                Duration.ofSeconds(2),
                new ReadData(List.of(10, 100, 500), 2, 520, 30, 60, 42),
                List.of(1, 4),
                Duration.ofSeconds(2),
                Duration.ofMillis(300),
                Duration.ofMillis(1200));
    }

    public static Profile full() {
        return new Profile(
                "full",
                List.of(
                        new WritePhase(10, 10, 100, Duration.ofSeconds(20)),
                        new WritePhase(100, 10, 100, Duration.ofSeconds(20)),
                        new WritePhase(1000, 5, 100, Duration.ofSeconds(20)),
                        // Capacity step: the goal compares the highest rate the system keeps up with.
                        new WritePhase(1000, 5, 300, Duration.ofSeconds(15)),
                        new WritePhase(10_000, 1, 50, Duration.ofSeconds(30))),
                new WritePhase(10, 4, 100, Duration.ofSeconds(15)),
                3,
                Duration.ofMillis(5),
                Duration.ofSeconds(30),
                2,
                Duration.ofSeconds(10),
                new ReadData(List.of(10, 100, 500), 20, 1200, 100, 200, 42),
                List.of(1, 4, 16),
                Duration.ofSeconds(8),
                Duration.ofSeconds(1),
                Duration.ofSeconds(3));
    }

    public static Profile named(String name) {
        return switch (name) {
            case "quick" -> quick();
            case "full" -> full();
            default -> throw new IllegalArgumentException("Unknown profile " + name + " (quick or full)");
        };
    }

    public Profile withWritePhases(List<WritePhase> phases) {
        return new Profile(
                name,
                List.copyOf(phases),
                writeWarmup,
                visibilitySamplesPerGroup,
                pollInterval,
                writeDrain,
                naiveWriters,
                naiveMaxDuration,
                readData,
                concurrencies,
                readWarmup,
                cellWarmup,
                cellMeasure);
    }

    public Profile withConcurrencies(List<Integer> values) {
        return new Profile(
                name,
                writePhases,
                writeWarmup,
                visibilitySamplesPerGroup,
                pollInterval,
                writeDrain,
                naiveWriters,
                naiveMaxDuration,
                readData,
                List.copyOf(values),
                readWarmup,
                cellWarmup,
                cellMeasure);
    }
}
