package dev.chorus.devstack;

/** The stack could not start; the message says why and what to do (printed without a stack trace). */
public final class StartupException extends RuntimeException {
    public StartupException(String message) {
        super(message);
    }
}
