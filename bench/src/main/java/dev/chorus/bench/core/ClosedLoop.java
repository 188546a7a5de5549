package dev.chorus.bench.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * A fixed number of workers, each issuing its next request as soon as the previous one answered, for a
 * warm-up and then a measured window ("concurrency N"). Latency here is the service time one client
 * sees; there is no intended schedule to fall behind, so requests/s is the capacity at that
 * concurrency. Stops by itself at the end of the window.
 */
public final class ClosedLoop {

    /** One worker's operation; created once per worker so it can keep its own connection. */
    public interface Operation extends AutoCloseable {
        void call() throws Exception;

        @Override
        default void close() throws Exception {}
    }

    /** Creates the operation for worker {@code worker}. */
    @FunctionalInterface
    public interface OperationFactory {
        Operation create(int worker) throws Exception;
    }

    public record Result(long ok, long errors, double measuredSeconds, String firstError) {
        public double perSecond() {
            return measuredSeconds <= 0 ? 0 : ok / measuredSeconds;
        }
    }

    private final LongAdder ok = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private volatile String firstError;

    public long okSoFar() {
        return ok.sum();
    }

    public long errorsSoFar() {
        return errors.sum();
    }

    public Result run(
            int concurrency, Duration warmup, Duration measured, OperationFactory factory, LatencyRecorder latency)
            throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measured.toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            int worker = w;
            Thread t = new Thread(() -> work(worker, factory, latency, measureFrom, end), "bench-worker-" + w);
            t.start();
            workers.add(t);
        }
        for (Thread t : workers) {
            t.join();
        }
        return new Result(ok.sum(), errors.sum(), measured.toNanos() / 1e9, firstError);
    }

    private void work(int worker, OperationFactory factory, LatencyRecorder latency, long measureFrom, long end) {
        try (Operation op = factory.create(worker)) {
            long now;
            while ((now = System.nanoTime()) < end) {
                boolean counted = now >= measureFrom;
                try {
                    op.call();
                    if (counted) {
                        latency.recordNanos(System.nanoTime() - now);
                        ok.increment();
                    }
                } catch (Exception e) {
                    if (counted) {
                        errors.increment();
                    }
                    noteError(e);
                }
            }
        } catch (Exception e) {
            errors.increment();
            noteError(e);
        }
    }

    private void noteError(Exception e) {
        if (firstError == null) {
            firstError = e.toString();
        }
    }
}
