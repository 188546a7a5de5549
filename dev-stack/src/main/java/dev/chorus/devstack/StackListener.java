package dev.chorus.devstack;

/** What {@link LocalStack#start} is doing, for a progress line. Called from the starting thread. */
public interface StackListener {

    /** A component changed state; components are "postgres", "kafka" and the services' artifact ids. */
    void onStatus(String component, ComponentStatus status);

    /** Called about twice a second while services start, so a progress line can show the time. */
    default void onTick() {}

    StackListener SILENT = (component, status) -> {};

    enum ComponentStatus {
        STARTING,
        READY
    }
}
