package dev.chorus.bench.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class OpenLoopTest {

    @Test
    void schedulesExactlyRateTimesDurationAtEvenlySpacedIntendedTimes() {
        List<Long> intended = new CopyOnWriteArrayList<>();
        OpenLoop loop = new OpenLoop(1_000, Duration.ofMillis(50), 100, Duration.ofSeconds(5));

        OpenLoop.Result result = loop.run((i, at) -> {
            intended.add(at);
            return CompletableFuture.completedFuture(null);
        });

        assertThat(result.scheduled()).isEqualTo(50);
        assertThat(result.sent()).isEqualTo(50);
        assertThat(result.completed()).isEqualTo(50);
        assertThat(result.notSent()).isZero();
        for (int i = 1; i < intended.size(); i++) {
            // The schedule, not the clock: intended times are start + i/rate whatever the action did.
            assertThat(intended.get(i) - intended.get(0)).isEqualTo(OpenLoop.offsetNanos(1_000, i));
        }
    }

    @Test
    void countsFailuresAndThrowingActionsWithoutStopping() {
        OpenLoop loop = new OpenLoop(2_000, Duration.ofMillis(10), 100, Duration.ofSeconds(5));

        OpenLoop.Result result = loop.run((i, at) -> {
            if (i % 2 == 0) {
                throw new IllegalStateException("boom");
            }
            return CompletableFuture.failedFuture(new RuntimeException("no"));
        });

        assertThat(result.scheduled()).isEqualTo(20);
        assertThat(result.failed()).isEqualTo(20);
        assertThat(result.completed()).isZero();
    }

    @Test
    void stopsByItselfWhenOperationsNeverAnswer() {
        OpenLoop loop = new OpenLoop(1_000, Duration.ofMillis(20), 5, Duration.ofMillis(50));

        OpenLoop.Result result = loop.run((i, at) -> new CompletableFuture<>());

        assertThat(result.sent()).isEqualTo(5);
        assertThat(result.notSent()).isEqualTo(15);
        assertThat(result.sent() + result.notSent()).isEqualTo(result.scheduled());
    }
}
