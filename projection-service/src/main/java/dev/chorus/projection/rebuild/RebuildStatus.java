package dev.chorus.projection.rebuild;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of a run, as {@code GET /admin/rebuild} shows it.
 *
 * @param state RUNNING, SUCCEEDED, FAILED (or IDLE before the first run)
 * @param eventsTotal events to replay as far as known (grows while catching up)
 * @param etaSeconds estimated time left in the replay, null when unknown or finished
 * @param schema the schema being built (full rebuild, verify) or repaired
 * @param retiredSchema the former live schema after a switch, kept until the operator drops it
 * @param rebuiltPosition the event-store position the rebuilt schema includes
 * @param livePosition the live projection's applied position (max conversation.applied_position) at the switch
 * @param rejected events the projector refused (as the live projection would: parked, not applied)
 * @param phaseSeconds time spent per phase so far
 * @param details figures of the run (index build times, inbox rows, ...)
 */
public record RebuildStatus(
        Operation operation,
        String target,
        String state,
        Phase phase,
        Instant startedAt,
        Instant finishedAt,
        double elapsedSeconds,
        long eventsTotal,
        long eventsReplayed,
        double percent,
        long eventsPerSecond,
        Long etaSeconds,
        String schema,
        String retiredSchema,
        long rebuiltPosition,
        long livePosition,
        long rejected,
        List<String> rejectedSamples,
        Map<String, Double> phaseSeconds,
        Map<String, Object> details,
        String result,
        String error) {

    static RebuildStatus idle() {
        return new RebuildStatus(
                null,
                null,
                "IDLE",
                Phase.IDLE,
                null,
                null,
                0,
                0,
                0,
                0,
                0,
                null,
                null,
                null,
                0,
                0,
                0,
                List.of(),
                Map.of(),
                Map.of(),
                null,
                null);
    }
}
