package dev.chorus.projection.rebuild;

import dev.chorus.projection.rebuild.verify.VerificationReport;
import dev.chorus.web.ChorusException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations behind {@code /admin/rebuild}, {@code /admin/verify} and the command-line tool.
 * Each takes the rebuild lock first (one operation at a time across every replica and the tool;
 * otherwise a 409) and needs the event store (otherwise a 503).
 */
public class RebuildService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RebuildService.class);

    private final Optional<EventStore> store;
    private final RebuildDatabase db;
    private final RebuildProperties properties;
    private final Projectors projectors;
    private final Schemas schemas;
    private final RebuildMetrics metrics;
    private final Clock clock;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rebuild");
        t.setDaemon(true);
        return t;
    });
    private volatile RebuildProgress current;

    RebuildService(
            Optional<EventStore> store,
            RebuildDatabase db,
            RebuildProperties properties,
            int largeGroupThreshold,
            RebuildMetrics metrics,
            Clock clock) {
        this.store = store;
        this.db = db;
        this.properties = properties;
        this.projectors = new Projectors(db, largeGroupThreshold);
        this.schemas = new Schemas(db);
        this.metrics = metrics;
        this.clock = clock;
        metrics.follow(() -> current);
    }

    /** The current run, or the last one. */
    public RebuildStatus status() {
        RebuildProgress p = current;
        return p == null ? RebuildStatus.idle() : p.snapshot();
    }

    /** Former live schemas kept by full rebuilds, newest first. */
    public List<String> retiredSchemas() {
        List<String> retired = new ArrayList<>(schemas.startingWith("retired_"));
        Collections.reverse(retired);
        return retired;
    }

    /** Starts a full rebuild in the background; the returned status is its first snapshot. */
    public RebuildStatus startFullRebuild() {
        Running run = begin(Operation.FULL_REBUILD, null);
        Future<?> unused = background.submit(() -> execute(run, p -> {
            fullRebuild(run.store()).run(p);
            return null;
        }));
        return run.progress().snapshot();
    }

    /** A full rebuild in the calling thread (the command-line tool, tests). */
    public RebuildStatus fullRebuild() {
        Running run = begin(Operation.FULL_REBUILD, null);
        execute(run, p -> {
            fullRebuild(run.store()).run(p);
            return null;
        });
        return run.progress().snapshot();
    }

    public VerificationReport verify() {
        Running run = begin(Operation.VERIFY, null);
        return execute(run, p -> {
            EventStore s = run.store();
            String scratch = "verify_" + FullRebuild.SUFFIX.format(clock.instant());
            return new Verification(fullRebuild(s), db, schemas, projectors, s, properties).run(p, scratch);
        });
    }

    public PartialRebuildResult rebuildConversation(UUID conversationId) {
        Running run = begin(Operation.REBUILD_CONVERSATION, conversationId.toString());
        return execute(run, p -> partial(run.store()).conversation(conversationId, p));
    }

    public PartialRebuildResult rebuildUser(long userId) {
        if (userId <= 0) {
            throw new ChorusException.InvalidRequest(
                    "invalid-user-id", "A user id is a positive number, got " + userId);
        }
        Running run = begin(Operation.REBUILD_USER, Long.toString(userId));
        return execute(run, p -> partial(run.store()).user(userId, p));
    }

    public boolean eventStoreConfigured() {
        return store.isPresent();
    }

    private record Running(RebuildLock lock, RebuildProgress progress, EventStore store) {}

    private Running begin(Operation operation, String target) {
        EventStore s = store.orElseThrow(() -> new ChorusException.ServiceUnavailable(
                "event-store-not-configured",
                "Rebuilds read the event store, and none is configured: set EVENT_STORE_URL,"
                        + " EVENT_STORE_USERNAME and EVENT_STORE_PASSWORD (chorus.rebuild.event-store.*)",
                Duration.ofMinutes(5)));
        RebuildLock lock = RebuildLock.tryAcquire(db).orElseThrow(this::busy);
        RebuildProgress progress = new RebuildProgress(operation, target, clock, metrics::replayed);
        current = progress;
        return new Running(lock, progress, s);
    }

    private ChorusException busy() {
        RebuildProgress running = current;
        String what = running != null && !running.finished()
                ? "A " + running.operation() + " started at "
                        + running.snapshot().startedAt() + " is running (phase " + running.phase() + ")"
                : "Another rebuild, repair or verification (from another replica or the command-line tool) is running";
        return new ChorusException.Conflict(
                "rebuild-in-progress", what + "; only one runs at a time. Follow it with GET /admin/rebuild.");
    }

    private <T> T execute(Running run, Function<RebuildProgress, T> work) {
        RebuildProgress p = run.progress();
        try (RebuildLock ignored = run.lock()) {
            T result = work.apply(p);
            if (!p.finished()) {
                p.done(null);
            }
            metrics.finished(p, "succeeded");
            return result;
        } catch (RuntimeException | Error e) {
            if (!(e instanceof ChorusException)) {
                log.error("{} failed", p.operation(), e);
            }
            p.failed(e);
            metrics.finished(p, "failed");
            throw e;
        }
    }

    private FullRebuild fullRebuild(EventStore s) {
        return new FullRebuild(s, db, schemas, projectors, properties, clock);
    }

    private PartialRebuild partial(EventStore s) {
        return new PartialRebuild(s, db, schemas, projectors, properties);
    }

    @Override
    public void close() {
        background.shutdownNow();
        store.ifPresent(EventStore::close);
    }
}
