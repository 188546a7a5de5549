package dev.chorus.command.api;

import dev.chorus.command.axon.AxonProperties;
import dev.chorus.command.axon.ConflictRetryScheduler;
import dev.chorus.web.ChorusError;
import dev.chorus.web.ChorusException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Sends a command and waits for its result, translating what came back over the command bus into
 * the domain errors the web layer maps to HTTP: rule violations (carried as {@link ChorusError}
 * details), unknown aggregates (404), and contention that outlasted the retries or the timeout (503).
 * Counts every command by outcome ({@code chorus.commands}).
 */
@Component
public class CommandDispatcher {

    private final CommandGateway gateway;
    private final Duration timeout;
    private final MeterRegistry meters;

    public CommandDispatcher(CommandGateway gateway, AxonProperties properties, MeterRegistry meters) {
        this.gateway = gateway;
        this.timeout = properties.commandTimeout();
        this.meters = meters;
    }

    public <R> R send(Object command) {
        long started = System.nanoTime();
        String outcome = "failed";
        try {
            R result = gateway.sendAndWait(command, timeout.toMillis(), TimeUnit.MILLISECONDS);
            outcome = "accepted";
            return result;
        } catch (RuntimeException e) {
            RuntimeException translated = translate(e);
            if (translated instanceof ChorusException) {
                outcome = "rejected";
            }
            throw translated;
        } finally {
            Timer.builder("chorus.commands")
                    .description("Commands handled, by type and outcome (accepted, rejected by a rule, failed)")
                    .tag("command", command.getClass().getSimpleName())
                    .tag("outcome", outcome)
                    .register(meters)
                    .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    static RuntimeException translate(RuntimeException e) {
        if (e instanceof ChorusException) {
            return e;
        }
        if (e instanceof CommandExecutionException execution) {
            Optional<Object> details = execution.getDetails();
            if (details.isPresent() && details.get() instanceof ChorusError error) {
                return error.toException();
            }
            if (execution.getCause() instanceof TimeoutException) {
                return new ChorusException.ServiceUnavailable(
                        "command-timeout", "The command did not complete in time; retry it", Duration.ofSeconds(1));
            }
        }
        if (e instanceof AggregateNotFoundException notFound) {
            return new ChorusException.NotFound(
                    "conversation-not-found", "No conversation " + notFound.getAggregateIdentifier());
        }
        if (ConflictRetryScheduler.isConflict(e)) {
            return new ChorusException.ServiceUnavailable(
                    "conversation-busy",
                    "The conversation changed concurrently too often to apply the command; retry it",
                    Duration.ofSeconds(1));
        }
        return e;
    }
}
