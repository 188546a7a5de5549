package dev.chorus.bench.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClosedLoopTest {

    @Test
    void everyWorkerGetsItsOwnOperationAndTheLoopEndsByItself() throws Exception {
        ConcurrentHashMap<Integer, AtomicInteger> calls = new ConcurrentHashMap<>();
        AtomicInteger closed = new AtomicInteger();
        LatencyRecorder latency = new LatencyRecorder();

        ClosedLoop.Result result = new ClosedLoop()
                .run(
                        3,
                        Duration.ZERO,
                        Duration.ofMillis(30),
                        worker -> {
                            AtomicInteger mine = calls.computeIfAbsent(worker, k -> new AtomicInteger());
                            return new ClosedLoop.Operation() {
                                @Override
                                public void call() {
                                    if (mine.incrementAndGet() % 10 == 0) {
                                        throw new IllegalStateException("every tenth fails");
                                    }
                                }

                                @Override
                                public void close() {
                                    closed.incrementAndGet();
                                }
                            };
                        },
                        latency);

        assertThat(calls).containsOnlyKeys(0, 1, 2);
        assertThat(closed).hasValue(3);
        assertThat(result.errors()).isPositive();
        assertThat(result.ok()).isEqualTo(latency.total().getTotalCount());
        assertThat(result.firstError()).contains("every tenth fails");
    }
}
