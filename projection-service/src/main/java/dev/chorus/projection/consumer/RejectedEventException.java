package dev.chorus.projection.consumer;

/** A well-formed event the projector cannot apply in order (for example after a sequence gap). */
public class RejectedEventException extends RuntimeException {
    RejectedEventException(String reason) {
        super(reason);
    }
}
