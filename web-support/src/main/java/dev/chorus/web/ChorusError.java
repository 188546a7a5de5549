package dev.chorus.web;

import java.io.Serializable;
import java.time.Duration;

/**
 * The serializable form of a {@link ChorusException}, for carrying a domain error across a message
 * boundary (for example as the details of an Axon {@code CommandExecutionException}) and turning it
 * back into the exception on the other side.
 */
public record ChorusError(Kind kind, String code, String detail, Long retryAfterSeconds) implements Serializable {

    public enum Kind {
        NOT_FOUND(404),
        FORBIDDEN(403),
        CONFLICT(409),
        INVALID_REQUEST(400),
        PAYLOAD_TOO_LARGE(413),
        SERVICE_UNAVAILABLE(503);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    public ChorusException toException() {
        switch (kind) {
            case NOT_FOUND:
                return new ChorusException.NotFound(code, detail);
            case FORBIDDEN:
                return new ChorusException.Forbidden(code, detail);
            case CONFLICT:
                return new ChorusException.Conflict(code, detail);
            case INVALID_REQUEST:
                return new ChorusException.InvalidRequest(code, detail);
            case PAYLOAD_TOO_LARGE:
                return new ChorusException.PayloadTooLarge(code, detail);
            case SERVICE_UNAVAILABLE:
                return new ChorusException.ServiceUnavailable(
                        code, detail, Duration.ofSeconds(retryAfterSeconds == null ? 1 : retryAfterSeconds));
            default:
                throw new IllegalStateException("Unknown kind " + kind);
        }
    }
}
