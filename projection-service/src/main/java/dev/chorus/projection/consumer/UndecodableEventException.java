package dev.chorus.projection.consumer;

/** A record whose value is not an event envelope this service can read (a poison pill). */
public class UndecodableEventException extends RuntimeException {
    UndecodableEventException(RuntimeException cause) {
        super("Cannot decode event: " + cause.getMessage(), cause);
    }
}
