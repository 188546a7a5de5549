package dev.chorus.command.axon;

import java.sql.SQLException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Tells Axon when an append hit a unique key (SQLState 23505), so a concurrent write of the same
 * aggregate version becomes a retryable {@code ConcurrencyException}. Axon's default JDBC resolver
 * looks for {@code SQLIntegrityConstraintViolationException}, which the PostgreSQL driver never throws.
 */
public final class PostgresDuplicateKeyResolver implements PersistenceExceptionResolver {

    static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
