package dev.chorus.bench.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VisibilityTrackerTest {

    private final LatencyRecorder latency = new LatencyRecorder();
    private final VisibilityTracker tracker = new VisibilityTracker(latency);

    @Test
    void messageAcceptedBeforeItIsSeenIsTimedFromIntendedSendToFirstObservation() {
        tracker.expect("c", 5, 1_000_000, 9);
        tracker.observe("c", 4, 2_000_000);
        assertThat(tracker.pending()).isEqualTo(1);

        tracker.observe("c", 6, 31_000_000);

        assertThat(tracker.pending()).isZero();
        assertThat(tracker.visibleMessages()).isEqualTo(1);
        assertThat(tracker.visibleDeliveries()).isEqualTo(9);
        assertThat(latency.total().getMaxValue())
                .isCloseTo(30_000L, org.assertj.core.data.Percentage.withPercentage(0.1)); // 30 ms in micros
    }

    @Test
    void messageSeenBeforeItsAnswerArrivesUsesTheFirstObservationThatCoveredIt() {
        tracker.observe("c", 3, 10_000_000);
        tracker.observe("c", 7, 20_000_000);
        tracker.observe("c", 9, 40_000_000);

        tracker.expect("c", 5, 0, 1);

        assertThat(latency.total().getMaxValue())
                .isCloseTo(20_000L, org.assertj.core.data.Percentage.withPercentage(0.1));
        assertThat(tracker.lastVisibleNanos()).isEqualTo(20_000_000);
    }

    @Test
    void conversationsAreTrackedSeparatelyAndWatermarksNeverGoBack() {
        tracker.expect("a", 2, 0, 1);
        tracker.expect("b", 2, 0, 1);
        tracker.observe("a", 5, 1_000_000);
        tracker.observe("a", 1, 2_000_000);

        assertThat(tracker.pending()).isEqualTo(1);
        assertThat(tracker.visibleMessages()).isEqualTo(1);
    }
}
