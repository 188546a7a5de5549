package dev.chorus.bench.rebuild;

import java.util.List;
import java.util.Map;

/** The Markdown page of a rebuild benchmark run. */
final class RebuildReport {

    private RebuildReport() {}

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> r) {
        Map<String, Object> settings = (Map<String, Object>) r.get("settings");
        Map<String, Object> history = (Map<String, Object>) r.get("history");
        Map<String, Object> rebuild = (Map<String, Object>) r.get("rebuild");
        Map<String, Object> copy = (Map<String, Object>) r.get("copyBaseline");
        Map<String, Object> ratios = (Map<String, Object>) r.get("ratios");
        StringBuilder b = new StringBuilder();
        b.append("# Rebuild throughput\n\n");
        b.append("Goal: ")
                .append(r.get("goal"))
                .append(" — **")
                .append(r.get("verdict"))
                .append("**\n\n");
        b.append("Reproduce: `")
                .append(r.get("command"))
                .append("` (started ")
                .append(r.get("startedAt"))
                .append(")\n\n");
        b.append("## Result\n\n| | |\n|---|---|\n");
        row(b, "events replayed", rebuild.get("eventsReplayed"));
        row(
                b,
                "rebuild time (tool's run: prepare, replay, inboxes, indexes, catch-up, switch)",
                rebuild.get("rebuildSeconds") + " s");
        row(b, "events/s over the whole rebuild", rebuild.get("eventsPerSecond"));
        row(b, "events/s in the replay phase", rebuild.get("replayPhaseEventsPerSecond"));
        row(b, "time per phase (s)", rebuild.get("phaseSeconds"));
        row(b, "tool process wall time (JVM start included)", rebuild.get("toolProcessWallSeconds") + " s");
        row(
                b,
                "COPY of " + ((Number) copy.get("rows")).longValue()
                        + " rows into user_inbox (its primary key and page index)",
                copy.get("copyIntoUserInboxSeconds") + " s");
        row(b, "COPY of the same rows into a bare table (no indexes)", copy.get("copyIntoBareTableSeconds") + " s");
        row(b, "rebuild time / COPY into user_inbox", ratios.get("rebuildOverCopyIntoUserInbox"));
        row(b, "rebuild time / COPY into a bare table", ratios.get("rebuildOverCopyIntoBareTable"));
        Map<String, Object> verification = (Map<String, Object>) r.get("verification");
        if (verification != null) {
            b.append("\n## Verification after the rebuild (`--chorus.tool=verify`)\n\n| | |\n|---|---|\n");
            row(b, "exit status", verification.get("exitStatus"));
            row(b, "clean (no differing row)", verification.get("clean"));
            row(b, "differing rows", verification.get("differences"));
            row(
                    b,
                    "process wall time (recompute into a scratch schema + EXCEPT both ways)",
                    verification.get("processWallSeconds") + " s");
        }
        b.append("\n## Data\n\n| | |\n|---|---|\n");
        settings.forEach((k, v) -> row(b, k, v));
        history.forEach((k, v) -> row(b, k, v));
        row(b, "read model after the rebuild (rows)", r.get("readModelAfterRebuild"));
        b.append("\n## Machine\n\n").append(r.get("machine")).append("\n\n## Notes\n\n");
        ((List<String>) r.get("notes")).forEach(n -> b.append("- ").append(n).append('\n'));
        return b.toString();
    }

    private static void row(StringBuilder b, String name, Object value) {
        b.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }
}
