package dev.chorus.bench.workload;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The workloads a run can choose from, in the order they run. New ones (the projection rebuild of
 * issue 6, for example) register here and get the same context, report and command line.
 */
public final class WorkloadRegistry {

    private final Map<String, Workload> workloads = new LinkedHashMap<>();

    public static WorkloadRegistry standard() {
        return new WorkloadRegistry()
                .register(new WriteFanoutWorkload())
                .register(new NaiveFanoutWorkload())
                .register(new InboxReadWorkload())
                .register(new HistoryReadWorkload());
    }

    public WorkloadRegistry register(Workload workload) {
        if (workloads.putIfAbsent(workload.id(), workload) != null) {
            throw new IllegalArgumentException("Workload " + workload.id() + " is registered twice");
        }
        return this;
    }

    public Collection<Workload> all() {
        return workloads.values();
    }

    /** The named workloads in registry order; "all" selects every one. */
    public List<Workload> select(List<String> ids) {
        if (ids.isEmpty() || ids.contains("all")) {
            return List.copyOf(workloads.values());
        }
        for (String id : ids) {
            if (!workloads.containsKey(id)) {
                throw new IllegalArgumentException("Unknown workload " + id + "; known: " + workloads.keySet());
            }
        }
        List<Workload> selected = new ArrayList<>();
        workloads.forEach((id, w) -> {
            if (ids.contains(id)) {
                selected.add(w);
            }
        });
        return selected;
    }
}
