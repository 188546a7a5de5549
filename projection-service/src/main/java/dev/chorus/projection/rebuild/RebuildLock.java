package dev.chorus.projection.rebuild;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The one-at-a-time guard of rebuilds, repairs and verifications: a session-level PostgreSQL advisory
 * lock on the read-model database, held on a dedicated connection for the whole operation. It covers
 * every replica of projection-service and the command-line tool alike, and is released by the
 * server if the holder dies.
 */
final class RebuildLock implements AutoCloseable {

    /** "chorusRB": any constant works, as long as every holder uses the same one. */
    static final long KEY = 0x63686f7275735242L;

    private final Connection connection;

    private RebuildLock(Connection connection) {
        this.connection = connection;
    }

    /**
     * The lock, or empty if another session holds it. The session is a connection of its own, not a
     * pooled one: closing it must end the session, so the lock can never outlive the operation.
     */
    static Optional<RebuildLock> tryAcquire(RebuildDatabase db) {
        Connection connection = null;
        try {
            connection = db.openSession();
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                ps.setLong(1, KEY);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return Optional.of(new RebuildLock(connection));
                    }
                }
            }
            connection.close();
            return Optional.empty();
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new IllegalStateException("Cannot take the rebuild lock: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            ps.setLong(1, KEY);
            ps.execute();
        } catch (SQLException e) {
            // Ending the session below releases it anyway.
        } finally {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing left to release
            }
        }
    }
}
