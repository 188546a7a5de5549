package dev.chorus.projection.rebuild;

import dev.chorus.events.EventEnvelope;
import dev.chorus.projection.readmodel.ApplyResult;
import dev.chorus.projection.readmodel.Projector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Streams the event store into a {@link Projector} in position order, page by page: one thread
 * reads and decodes the next pages while the caller's thread applies the current one (the two
 * cores do different work). Remembers the last position read and the holes below it.
 *
 * <p>A hole in {@code global_index} is a transaction that took its number but had not committed
 * when its neighbours were read, or one that rolled back. The first kind may still commit, and the
 * live projection would then get it from Kafka; so holes are read again on every catch-up, until
 * the event after them is older than the gap timeout.
 */
final class EventReplay {

    private static final int MAX_OPEN_GAPS = 100_000;
    /** Of one run of missing positions only the last ones can be transactions still in flight. */
    private static final long MAX_HOLE_RUN = 1_000;

    private final EventStore store;
    private final int pageSize;
    private final Duration gapTimeout;
    private final Clock clock;
    private final RebuildProgress progress;
    /** Position of a hole -> the storage time of the first event after it. */
    private final TreeMap<Long, Instant> gaps = new TreeMap<>();

    private long position;

    EventReplay(EventStore store, int pageSize, Duration gapTimeout, Clock clock, RebuildProgress progress) {
        this.store = store;
        this.pageSize = pageSize;
        this.gapTimeout = gapTimeout;
        this.clock = clock;
        this.progress = progress;
    }

    /** The highest position read so far. */
    long position() {
        return position;
    }

    int openGaps() {
        return gaps.size();
    }

    /** Applies every event with a position in (position(), upTo], in order. */
    void replayTo(Projector projector, long upTo) {
        if (upTo <= position) {
            return;
        }
        BlockingQueue<Object> pages = new ArrayBlockingQueue<>(2);
        long from = position;
        Thread reader = new Thread(() -> read(from, upTo, pages), "rebuild-event-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            long waitedSince = System.nanoTime();
            while (true) {
                Object next = pages.take();
                if (next instanceof Throwable failure) {
                    throw new IllegalStateException("Reading the event store failed: " + failure.getMessage(), failure);
                }
                @SuppressWarnings("unchecked")
                List<EventEnvelope> page = (List<EventEnvelope>) next;
                if (page.isEmpty()) {
                    break;
                }
                noteGaps(page);
                apply(projector, page);
                long now = System.nanoTime();
                progress.replayed(page.size(), now - waitedSince);
                waitedSince = now;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while replaying", e);
        } finally {
            reader.interrupt();
        }
    }

    /**
     * Reads the holes again; applies the events that have appeared there since (in position order)
     * and forgets the holes that are older than the gap timeout. Returns the events applied.
     */
    int fillGaps(Projector projector) {
        if (gaps.isEmpty()) {
            return 0;
        }
        List<EventEnvelope> found = new ArrayList<>();
        List<Long> holes = new ArrayList<>(gaps.keySet());
        for (int i = 0; i < holes.size(); i += pageSize) {
            found.addAll(store.atPositions(holes.subList(i, Math.min(holes.size(), i + pageSize))));
        }
        found.forEach(e -> gaps.remove(e.position()));
        if (!found.isEmpty()) {
            long started = System.nanoTime();
            apply(projector, found);
            progress.addToTotal(found.size());
            progress.replayed(found.size(), System.nanoTime() - started);
        }
        Instant expired = clock.instant().minus(gapTimeout);
        gaps.values().removeIf(after -> after.isBefore(expired));
        return found.size();
    }

    private void apply(Projector projector, List<EventEnvelope> events) {
        ApplyResult result = projector.apply(events);
        for (ApplyResult.Rejected r : result.rejected()) {
            progress.rejected(r.envelope().position(), r.envelope().type(), r.reason());
        }
    }

    private void noteGaps(List<EventEnvelope> page) {
        for (EventEnvelope e : page) {
            for (long hole = Math.max(position + 1, e.position() - MAX_HOLE_RUN); hole < e.position(); hole++) {
                gaps.put(hole, e.occurredAt());
            }
            position = Math.max(position, e.position());
        }
        while (gaps.size() > MAX_OPEN_GAPS) {
            gaps.pollFirstEntry();
        }
    }

    private void read(long from, long upTo, BlockingQueue<Object> pages) {
        try {
            long after = from;
            while (after < upTo) {
                List<EventEnvelope> page = store.page(after, upTo, pageSize);
                if (page.isEmpty()) {
                    break;
                }
                pages.put(page);
                after = page.get(page.size() - 1).position();
            }
            pages.put(List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            try {
                pages.offer(e, 1, TimeUnit.MINUTES);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
