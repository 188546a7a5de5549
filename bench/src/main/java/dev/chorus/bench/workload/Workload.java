package dev.chorus.bench.workload;

import java.util.Optional;

/** One kind of load, run against the system and, where it has one, its baseline. */
public interface Workload {

    /** Short id used on the command line ({@code --workloads}) and in the report. */
    String id();

    String description();

    /** Why this workload cannot run in this context (e.g. no HTTP API); empty when it can. */
    default Optional<String> skipReason(BenchContext context) {
        return Optional.empty();
    }

    void run(BenchContext context) throws Exception;
}
