package dev.chorus.query.consistency;

import dev.chorus.events.ConsistencyToken;
import dev.chorus.web.ChorusException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Applies {@code Consistency-Token} to every API read before its handler runs: a request without the
 * header never waits; with it, it waits for {@link ConsistencyWait}. Errors thrown here go through the
 * same problem+json mapping as the handlers' (400 for a malformed token, 503 for a timed-out wait).
 */
class ConsistencyTokenInterceptor implements HandlerInterceptor {

    static final String HEADER = "Consistency-Token";

    private final ConsistencyWait wait;

    ConsistencyTokenInterceptor(ConsistencyWait wait) {
        this.wait = wait;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String header = request.getHeader(HEADER);
        if (header != null) {
            wait.awaitVisible(decode(header.trim()));
        }
        return true;
    }

    private static ConsistencyToken decode(String header) {
        try {
            return ConsistencyToken.decode(header);
        } catch (IllegalArgumentException e) {
            String shown = header.length() <= 80 ? header : header.substring(0, 80) + "...";
            throw new ChorusException.InvalidRequest(
                    "invalid-consistency-token",
                    "The Consistency-Token header '" + shown + "' is not a token a write returned; send it"
                            + " unchanged or leave the header out");
        }
    }
}
