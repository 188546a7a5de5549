package dev.chorus.devstack;

/** The three deployables the stack runs, each as its own JVM with its own database settings. */
public enum ChorusService {
    COMMAND("command-service", 8081, LocalStack.EVENTS_DATABASE, true),
    QUERY("query-service", 8082, LocalStack.READ_DATABASE, true),
    PROJECTION("projection-service", 8083, LocalStack.READ_DATABASE, false);

    private final String artifactId;
    private final int defaultPort;
    private final String database;
    private final boolean servesApi;

    ChorusService(String artifactId, int defaultPort, String database, boolean servesApi) {
        this.artifactId = artifactId;
        this.defaultPort = defaultPort;
        this.database = database;
        this.servesApi = servesApi;
    }

    /** The Maven module, also the name of its log file and jar. */
    public String artifactId() {
        return artifactId;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** command-service owns the event store; the other two share the read model. */
    public String database() {
        return database;
    }

    /** projection-service only has actuator endpoints, no public API or Swagger UI. */
    public boolean servesApi() {
        return servesApi;
    }
}
