package dev.chorus.command.axon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.web.ChorusException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConflictRetrySchedulerTest {

    final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    final ConflictRetryScheduler scheduler = new ConflictRetryScheduler(executor, 3, 1);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void retriesAnOptimisticLockingConflictUpToTheLimit() throws Exception {
        AtomicInteger dispatched = new AtomicInteger();
        List<Class<? extends Throwable>[]> failures = new ArrayList<>();
        ConcurrencyException conflict = new ConcurrencyException("seq taken", new SQLException("dup", "23505"));
        for (int attempt = 1; attempt <= 3; attempt++) {
            failures.add(chain(conflict));
            assertThat(scheduler.scheduleRetry(
                            GenericCommandMessage.asCommandMessage("cmd"),
                            conflict,
                            failures,
                            dispatched::incrementAndGet))
                    .isTrue();
        }
        failures.add(chain(conflict));
        assertThat(scheduler.scheduleRetry(
                        GenericCommandMessage.asCommandMessage("cmd"), conflict, failures, dispatched::incrementAndGet))
                .isFalse();
        executor.shutdown();
        assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(dispatched).hasValue(3);
    }

    @Test
    void neverRetriesDomainErrorsOrUnknownAggregates() {
        List<Class<? extends Throwable>[]> failures = new ArrayList<>();
        for (RuntimeException failure : List.of(
                new ChorusException.Forbidden("not-a-member", "no"), new AggregateNotFoundException("x", "no"))) {
            failures.add(chain(failure));
            assertThat(scheduler.scheduleRetry(
                            GenericCommandMessage.asCommandMessage("cmd"), failure, failures, () -> {}))
                    .isFalse();
        }
    }

    @Test
    void recognisesPostgresUniqueViolationsAsDuplicateKeys() {
        PostgresDuplicateKeyResolver resolver = new PostgresDuplicateKeyResolver();
        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException(new SQLException("dup", "23505"))))
                .isTrue();
        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException(new SQLException("fk", "23503"))))
                .isFalse();
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Throwable>[] chain(Throwable t) {
        return new Class[] {t.getClass()};
    }
}
