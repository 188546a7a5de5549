package dev.chorus.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.bench.core.LatencyRecorder;
import dev.chorus.bench.core.LatencyStats;
import dev.chorus.bench.report.Goal;
import dev.chorus.bench.report.Measurement;
import dev.chorus.bench.report.ReportBuilder;
import dev.chorus.bench.workload.NaiveFanoutWorkload;
import dev.chorus.bench.workload.WriteFanoutWorkload;
import org.junit.jupiter.api.Test;

class VerdictsTest {

    private static LatencyStats ms(long millis) {
        LatencyRecorder r = new LatencyRecorder();
        r.recordNanos(millis * 1_000_000);
        return r.stats();
    }

    private static Measurement chorus(String rate, double deliveries, long visibilityMs, long visible) {
        return Measurement.builder(WriteFanoutWorkload.ID, WriteFanoutWorkload.TARGET, "HTTP")
                .param("group size", 1000)
                .param("offered rate (msg/s)", rate)
                .latency("visibility", ms(visibilityMs))
                .rate("deliveries/s", deliveries)
                .count("scheduled", 100)
                .count("accepted (201)", 100)
                .count("never visible", 100 - visible)
                .build();
    }

    private static Goal fanOutGoal(ReportBuilder report) {
        Verdicts.compute(report);
        return report.build("t", "quick", "", java.time.Instant.EPOCH, 0, null)
                .goals()
                .get(0);
    }

    @Test
    void theFanOutGoalUsesTheFastestPhaseThatKeptUp() {
        ReportBuilder report = new ReportBuilder();
        report.add(chorus("100", 99_000, 200, 100));
        report.add(chorus("300", 200_000, 200, 100));
        report.add(chorus("900", 400_000, 20_000, 100)); // fell behind: not a capacity figure
        report.add(Measurement.builder(NaiveFanoutWorkload.ID, NaiveFanoutWorkload.PER_MEMBER, "SQL")
                .param("group size", 1000)
                .rate("deliveries/s", 18_000)
                .build());

        Goal goal = fanOutGoal(report);

        assertThat(goal.actual()).startsWith("200,000 vs 18,000");
        assertThat(goal.met()).isTrue();
    }

    @Test
    void aPhaseWithMessagesNeverVisibleDidNotKeepUp() {
        ReportBuilder report = new ReportBuilder();
        report.add(chorus("300", 300_000, 200, 90));
        report.add(Measurement.builder(NaiveFanoutWorkload.ID, NaiveFanoutWorkload.PER_MEMBER, "SQL")
                .param("group size", 1000)
                .rate("deliveries/s", 18_000)
                .build());

        Goal goal = fanOutGoal(report);

        assertThat(goal.met()).isFalse();
        assertThat(goal.note()).contains("no 1,000-member phase kept up");
    }

    @Test
    void goalsNotMeasuredSaySo() {
        ReportBuilder report = new ReportBuilder();
        Verdicts.compute(report);
        assertThat(report.build("t", "quick", "", java.time.Instant.EPOCH, 0, null)
                        .goals())
                .allSatisfy(g -> assertThat(g.verdict()).isEqualTo("not measured"));
    }
}
