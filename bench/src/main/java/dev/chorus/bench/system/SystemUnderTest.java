package dev.chorus.bench.system;

import java.net.URI;
import java.util.Optional;

/**
 * Where the system runs and how to reach it. {@code commandUrl}/{@code queryUrl} are null when only the
 * databases are available (a baselines-only run); {@code readModel} is the read-model database, which
 * also hosts the baselines' schemas (same server, same data).
 */
public record SystemUnderTest(
        String description, URI commandUrl, URI queryUrl, URI projectionUrl, DbEndpoint readModel, String jwtSecret) {

    public SystemUnderTest {
        if (commandUrl != null) {
            Loopback.requireUrl(commandUrl);
        }
        if (queryUrl != null) {
            Loopback.requireUrl(queryUrl);
        }
        if (projectionUrl != null) {
            Loopback.requireUrl(projectionUrl);
        }
    }

    public boolean hasHttpApi() {
        return commandUrl != null && queryUrl != null && jwtSecret != null;
    }

    public Optional<URI> projectionActuator() {
        return Optional.ofNullable(projectionUrl);
    }
}
