package dev.chorus.web;

import java.time.Duration;
import java.util.Objects;

/**
 * A domain error: a rule said no. Each subclass is one HTTP status; {@link ProblemDetailsAdvice}
 * maps them once, to RFC 9457 problem+json. {@link #code()} is a short stable slug (for example
 * {@code not-a-member}) that clients may branch on; {@link #getMessage()} is the human-readable
 * {@code detail}. To cross a process or message boundary, convert to {@link ChorusError}.
 */
public abstract sealed class ChorusException extends RuntimeException
        permits ChorusException.NotFound,
                ChorusException.Forbidden,
                ChorusException.Conflict,
                ChorusException.InvalidRequest,
                ChorusException.PayloadTooLarge,
                ChorusException.ServiceUnavailable {

    private final String code;

    private ChorusException(String code, String detail) {
        super(Objects.requireNonNull(detail, "detail"), null, false, false);
        this.code = Objects.requireNonNull(code, "code");
    }

    public String code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }

    public abstract ChorusError.Kind kind();

    public ChorusError toError() {
        Long retryAfter = this instanceof ServiceUnavailable s ? s.retryAfter().toSeconds() : null;
        return new ChorusError(kind(), code, detail(), retryAfter);
    }

    /** 404: the thing does not exist (or the caller may not know it does). */
    public static final class NotFound extends ChorusException {
        public NotFound(String code, String detail) {
            super(code, detail);
        }

        @Override
        public ChorusError.Kind kind() {
            return ChorusError.Kind.NOT_FOUND;
        }
    }

    /** 403: authenticated, but not allowed to do this. */
    public static final class Forbidden extends ChorusException {
        public Forbidden(String code, String detail) {
            super(code, detail);
        }

        @Override
        public ChorusError.Kind kind() {
            return ChorusError.Kind.FORBIDDEN;
        }
    }

    /** 409: the request is well-formed but conflicts with the current state. */
    public static final class Conflict extends ChorusException {
        public Conflict(String code, String detail) {
            super(code, detail);
        }

        @Override
        public ChorusError.Kind kind() {
            return ChorusError.Kind.CONFLICT;
        }
    }

    /** 400: the request itself is invalid. */
    public static final class InvalidRequest extends ChorusException {
        public InvalidRequest(String code, String detail) {
            super(code, detail);
        }

        @Override
        public ChorusError.Kind kind() {
            return ChorusError.Kind.INVALID_REQUEST;
        }
    }

    /** 413: a body, field or collection exceeds a configured limit. */
    public static final class PayloadTooLarge extends ChorusException {
        public PayloadTooLarge(String code, String detail) {
            super(code, detail);
        }

        @Override
        public ChorusError.Kind kind() {
            return ChorusError.Kind.PAYLOAD_TOO_LARGE;
        }
    }

    /** 503 with {@code Retry-After}: try again later (for example, a wait for consistency timed out). */
    public static final class ServiceUnavailable extends ChorusException {
        private final Duration retryAfter;

        public ServiceUnavailable(String code, String detail, Duration retryAfter) {
            super(code, detail);
            this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
        }

        public Duration retryAfter() {
            return retryAfter;
        }

        @Override
        public ChorusError.Kind kind() {
            return ChorusError.Kind.SERVICE_UNAVAILABLE;
        }
    }
}
