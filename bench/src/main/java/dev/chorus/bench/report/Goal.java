package dev.chorus.bench.report;

/**
 * One goal of issue 5 checked against this run. {@code met} is null when the run did not measure it
 * (for example the workload was skipped).
 */
public record Goal(String goal, String target, String actual, Boolean met, String note) {

    public String verdict() {
        if (met == null) {
            return "not measured";
        }
        return met ? "met" : "MISSED";
    }
}
