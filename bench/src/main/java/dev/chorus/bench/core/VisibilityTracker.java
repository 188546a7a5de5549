package dev.chorus.bench.core;

import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Matches accepted messages with the moment a poller first saw them visible. For every conversation the
 * poller reports the highest seq visible to all sampled recipients; a message with seq {@code s} is
 * visible from the first observation whose watermark is {@code >= s}. The 201 response and the
 * observation can arrive in either order, so both sides are kept until they meet.
 *
 * <p>Latency = first observation - intended send time (the open-loop schedule), so it includes the
 * accept latency, and the poll interval bounds the error.
 */
public final class VisibilityTracker {

    private final Map<Object, Conversation> conversations = new ConcurrentHashMap<>();
    private final LatencyRecorder latency;
    private final LongAdder visibleMessages = new LongAdder();
    private final LongAdder visibleDeliveries = new LongAdder();
    private volatile long lastVisibleNanos;

    public VisibilityTracker(LatencyRecorder latency) {
        this.latency = latency;
    }

    private record Pending(long seq, long intendedNanos, int recipients) {}

    private static final class Conversation {
        long watermark = Long.MIN_VALUE;
        /** watermark -> when it was first seen; watermarks only grow, so times grow with them. */
        final TreeMap<Long, Long> firstSeen = new TreeMap<>();

        final PriorityQueue<Pending> pending = new PriorityQueue<>((a, b) -> Long.compare(a.seq, b.seq));
    }

    /** A message was accepted with {@code seq}; it was due to be sent at {@code intendedNanos}. */
    public void expect(Object conversationId, long seq, long intendedNanos, int recipients) {
        Conversation c = conversations.computeIfAbsent(conversationId, k -> new Conversation());
        synchronized (c) {
            if (seq <= c.watermark) {
                Map.Entry<Long, Long> seen = c.firstSeen.ceilingEntry(seq);
                record(seen.getValue(), intendedNanos, recipients);
            } else {
                c.pending.add(new Pending(seq, intendedNanos, recipients));
            }
        }
    }

    /** The poller saw {@code visibleSeq} as the highest seq visible in the conversation at {@code observedNanos}. */
    public void observe(Object conversationId, long visibleSeq, long observedNanos) {
        Conversation c = conversations.computeIfAbsent(conversationId, k -> new Conversation());
        synchronized (c) {
            if (visibleSeq <= c.watermark) {
                return;
            }
            c.watermark = visibleSeq;
            c.firstSeen.put(visibleSeq, observedNanos);
            while (!c.pending.isEmpty() && c.pending.peek().seq <= visibleSeq) {
                Pending p = c.pending.poll();
                record(observedNanos, p.intendedNanos, p.recipients);
            }
        }
    }

    private void record(long observedNanos, long intendedNanos, int recipients) {
        latency.recordNanos(observedNanos - intendedNanos);
        visibleMessages.increment();
        visibleDeliveries.add(recipients);
        if (observedNanos > lastVisibleNanos) {
            lastVisibleNanos = observedNanos;
        }
    }

    /** Accepted messages not yet seen visible. */
    public long pending() {
        long n = 0;
        for (Conversation c : conversations.values()) {
            synchronized (c) {
                n += c.pending.size();
            }
        }
        return n;
    }

    public long visibleMessages() {
        return visibleMessages.sum();
    }

    public long visibleDeliveries() {
        return visibleDeliveries.sum();
    }

    /** When the last message became visible ({@link System#nanoTime()} scale), 0 if none. */
    public long lastVisibleNanos() {
        return lastVisibleNanos;
    }
}
