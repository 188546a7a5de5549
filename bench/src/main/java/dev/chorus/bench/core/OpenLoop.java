package dev.chorus.bench.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load generator: operation {@code i} is due at {@code start + i / rate}, whether or not
 * earlier ones have answered, so a slow system cannot slow the load down (no coordinated omission).
 * Callers measure latency from {@link Action#fire}'s {@code intendedNanos}, never from the moment the
 * request actually left.
 *
 * <p>Bounded by construction: exactly {@code round(rate * duration)} operations are scheduled. When
 * {@code maxInFlight} operations are outstanding the schedule waits (the wait is part of the measured
 * latency); an operation that still cannot start by the drain deadline is counted as not sent instead
 * of blocking forever.
 */
public final class OpenLoop {

    /** Starts operation {@code index}, due at {@code intendedNanos} ({@link System#nanoTime()} scale). */
    @FunctionalInterface
    public interface Action {
        CompletableFuture<?> fire(long index, long intendedNanos);
    }

    /** What happened to the scheduled operations. */
    public record Result(
            long scheduled, long sent, long completed, long failed, long notSent, long startNanos, long endNanos) {
        public double elapsedSeconds() {
            return (endNanos - startNanos) / 1e9;
        }
    }

    private final double ratePerSecond;
    private final Duration duration;
    private final int maxInFlight;
    private final Duration drainTimeout;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public OpenLoop(double ratePerSecond, Duration duration, int maxInFlight, Duration drainTimeout) {
        if (ratePerSecond <= 0 || duration.isNegative() || maxInFlight < 1) {
            throw new IllegalArgumentException("rate, duration and maxInFlight must be positive");
        }
        this.ratePerSecond = ratePerSecond;
        this.duration = duration;
        this.maxInFlight = maxInFlight;
        this.drainTimeout = drainTimeout;
    }

    /** How many operations a run schedules. */
    public static long scheduledCount(double ratePerSecond, Duration duration) {
        return Math.round(ratePerSecond * duration.toNanos() / 1e9);
    }

    /** When operation {@code index} is due, relative to the start. */
    public static long offsetNanos(double ratePerSecond, long index) {
        return (long) (index * 1e9 / ratePerSecond);
    }

    public long sent() {
        return sent.get();
    }

    public long completed() {
        return completed.get();
    }

    public long failed() {
        return failed.get();
    }

    /** Runs the schedule on the calling thread and waits (bounded) for the outstanding operations. */
    public Result run(Action action) {
        long count = scheduledCount(ratePerSecond, duration);
        Semaphore inFlight = new Semaphore(maxInFlight);
        long start = System.nanoTime();
        long giveUpAt = start + duration.toNanos() + drainTimeout.toNanos();
        long notSent = 0;
        for (long i = 0; i < count; i++) {
            long intended = start + offsetNanos(ratePerSecond, i);
            parkUntil(intended);
            if (!acquire(inFlight, giveUpAt)) {
                notSent = count - i;
                break;
            }
            sent.incrementAndGet();
            CompletableFuture<?> future;
            try {
                future = action.fire(i, intended);
            } catch (RuntimeException e) {
                future = CompletableFuture.failedFuture(e);
            }
            future.whenComplete((ok, error) -> {
                if (error == null) {
                    completed.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                }
                inFlight.release();
            });
        }
        // Drain: wait for every permit to come back, but never past the deadline.
        acquireAll(inFlight, maxInFlight, giveUpAt);
        long end = System.nanoTime();
        return new Result(count, sent.get(), completed.get(), failed.get(), notSent, start, end);
    }

    private static void parkUntil(long deadlineNanos) {
        long remaining;
        while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
        }
    }

    private static boolean acquire(Semaphore semaphore, long giveUpAt) {
        try {
            return semaphore.tryAcquire(Math.max(0, giveUpAt - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void acquireAll(Semaphore semaphore, int permits, long giveUpAt) {
        try {
            if (semaphore.tryAcquire(permits, Math.max(0, giveUpAt - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                semaphore.release(permits);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
