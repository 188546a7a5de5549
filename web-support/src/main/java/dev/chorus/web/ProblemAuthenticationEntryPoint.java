package dev.chorus.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * 401 as problem+json. The {@code WWW-Authenticate} header comes from Spring Security's bearer entry
 * point; the body says what was wrong with the token (missing, malformed, bad signature, expired).
 */
public final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final BearerTokenAuthenticationEntryPoint headers = new BearerTokenAuthenticationEntryPoint();
    private final ProblemResponses problems;

    public ProblemAuthenticationEntryPoint(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        headers.commence(request, response, e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detailOf(e));
        problem.setProperty("code", e instanceof OAuth2AuthenticationException ? "invalid-token" : "missing-token");
        problems.write(request, response, problem);
    }

    private static String detailOf(AuthenticationException e) {
        if (e instanceof OAuth2AuthenticationException oauth) {
            String description = oauth.getError().getDescription();
            return "Invalid bearer token: "
                    + (description != null ? description : oauth.getError().getErrorCode());
        }
        return "Missing bearer token: send 'Authorization: Bearer <JWT>' (HS256, sub = your user id)";
    }
}
