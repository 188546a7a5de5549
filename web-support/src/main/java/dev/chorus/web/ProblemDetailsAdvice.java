package dev.chorus.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error an HTTP service returns, as RFC 9457 {@code application/problem+json} with a {@code
 * detail} that tells the caller what to fix. Spring MVC's own errors come through {@link
 * ResponseEntityExceptionHandler} (the same handler {@code spring.mvc.problemdetails.enabled} would
 * install); their terse default details are replaced here. Domain errors are {@link ChorusException}s.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
    private static final int MAX_DETAIL = 500;

    @ExceptionHandler(ChorusException.class)
    public ResponseEntity<ProblemDetail> domainError(ChorusException e) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(e.kind().status()), e.detail());
        problem.setProperty("code", e.code());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.getStatus());
        if (e instanceof ChorusException.ServiceUnavailable unavailable) {
            response.header(
                    HttpHeaders.RETRY_AFTER,
                    Long.toString(Math.max(1, unavailable.retryAfter().toSeconds())));
        }
        return response.body(problem);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    public ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException e) {
        String detail = e.getConstraintViolations().stream()
                .map(v -> v.getPropertyPath() + ": " + v.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request: " + detail);
    }

    @ExceptionHandler(AccessDeniedException.class)
    public ResponseEntity<ProblemDetail> accessDenied(AccessDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, "access-denied", "Access denied: " + e.getMessage());
    }

    @ExceptionHandler(AuthenticationException.class)
    public ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException e) {
        ResponseEntity<ProblemDetail> response =
                problem(HttpStatus.UNAUTHORIZED, "missing-token", "Not authenticated: " + e.getMessage());
        return ResponseEntity.status(response.getStatusCode())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .body(response.getBody());
    }

    /** A bug, not bad input: log it with a reference the caller can quote, reveal nothing else. */
    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception e, WebRequest request) {
        String reference = UUID.randomUUID().toString();
        log.error("Unexpected error (reference {}) on {}", reference, request.getDescription(false), e);
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal-error",
                "Unexpected server error; quote reference " + reference + " when reporting it");
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, @Nullable Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        // The base class creates the problem body (from the exception itself when body is null).
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            String detail = betterDetail(ex, request);
            if (detail != null) {
                problem.setDetail(truncate(detail));
            }
            if (ex instanceof MethodArgumentNotValidException invalid) {
                problem.setProperty("errors", fieldErrors(invalid));
            }
        }
        return response;
    }

    @Nullable
    private static String betterDetail(Exception ex, WebRequest request) {
        if (ex instanceof HttpMessageNotReadableException unreadable) {
            return unreadableDetail(unreadable);
        }
        if (ex instanceof MethodArgumentNotValidException invalid) {
            return "Invalid request body: "
                    + fieldErrors(invalid).stream()
                            .map(e -> e.get("field") + ": " + e.get("message"))
                            .collect(Collectors.joining("; "));
        }
        if (ex instanceof HandlerMethodValidationException invalid) {
            return "Invalid request: "
                    + invalid.getParameterValidationResults().stream()
                            .flatMap(r -> r.getResolvableErrors().stream()
                                    .map(e -> r.getMethodParameter().getParameterName() + ": " + e.getDefaultMessage()))
                            .collect(Collectors.joining("; "));
        }
        if (ex instanceof TypeMismatchException mismatch) {
            String name = mismatch.getPropertyName() != null ? mismatch.getPropertyName() : "parameter";
            String type = mismatch.getRequiredType() != null
                    ? mismatch.getRequiredType().getSimpleName()
                    : "the expected type";
            return "'" + name + "' must be " + article(type) + " " + type + ", got '" + mismatch.getValue() + "'";
        }
        if (ex instanceof NoResourceFoundException && request instanceof ServletWebRequest servlet) {
            return "No endpoint " + servlet.getRequest().getMethod() + " "
                    + servlet.getRequest().getRequestURI();
        }
        return null;
    }

    private static String unreadableDetail(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof ValueInstantiationException invalid && invalid.getCause() != null) {
            return "Invalid request body" + at(invalid) + ": "
                    + invalid.getCause().getMessage();
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return "Invalid request body" + at(mapping) + ": " + mapping.getOriginalMessage();
        }
        if (cause instanceof JsonProcessingException json) {
            JsonLocation location = json.getLocation();
            String where = location == null
                    ? ""
                    : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
            return "Malformed JSON request body" + where + ": " + json.getOriginalMessage();
        }
        String message = e.getMessage();
        if (message != null && message.startsWith("Required request body is missing")) {
            return "The request body is missing; send a JSON object";
        }
        return "Unreadable request body: " + message;
    }

    private static String at(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining());
        return path.isEmpty() ? "" : " at '" + (path.startsWith(".") ? path.substring(1) : path) + "'";
    }

    private static List<Map<String, String>> fieldErrors(MethodArgumentNotValidException e) {
        List<Map<String, String>> fieldErrors = e.getBindingResult().getFieldErrors().stream()
                .sorted((a, b) -> a.getField().compareTo(b.getField()))
                .map(ProblemDetailsAdvice::fieldError)
                .collect(Collectors.toList());
        e.getBindingResult()
                .getGlobalErrors()
                .forEach(g -> fieldErrors.add(
                        Map.of("field", g.getObjectName(), "message", String.valueOf(g.getDefaultMessage()))));
        return fieldErrors;
    }

    private static Map<String, String> fieldError(FieldError e) {
        return Map.of("field", e.getField(), "message", String.valueOf(e.getDefaultMessage()));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, truncate(detail));
        problem.setProperty("code", code);
        return ResponseEntity.status(status).body(problem);
    }

    private static String article(String word) {
        return "AEIOU".indexOf(Character.toUpperCase(word.charAt(0))) >= 0 ? "an" : "a";
    }

    private static String truncate(String detail) {
        return detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL) + "...";
    }
}
