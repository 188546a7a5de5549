package dev.chorus.command.api;

import dev.chorus.command.conversation.CommandLimits;
import dev.chorus.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request whose declared body is larger than any command can be ({@code
 * chorus.limits.max-request-bytes}) with 413 before reading it, so an oversized upload costs
 * neither memory nor parsing. The per-field limits are checked by the command handlers.
 */
@Component
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final ProblemResponses problems;

    public RequestSizeLimitFilter(CommandLimits limits, ProblemResponses problems) {
        this.maxBytes = limits.maxRequestBytes().toBytes();
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length > maxBytes) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.PAYLOAD_TOO_LARGE,
                    "The request body is " + length + " bytes; the limit is " + maxBytes + " bytes");
            problem.setProperty("code", "request-too-large");
            problems.write(request, response, problem);
            return;
        }
        chain.doFilter(request, response);
    }
}
