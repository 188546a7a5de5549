package dev.chorus.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@SpringBootTest(properties = WebSupportTest.SECRET_PROPERTY)
@AutoConfigureMockMvc
class WebSupportTest {

    static final String SECRET = "test-secret-test-secret-test-secret-0123456789";
    static final String SECRET_PROPERTY = "chorus.security.jwt-secret=" + SECRET;

    private final DevTokens tokens = new DevTokens(SECRET);

    @Autowired
    MockMvc mvc;

    @Autowired
    ProblemAccessDeniedHandler accessDeniedHandler;

    @Test
    void aValidTokenIdentifiesTheCaller() throws Exception {
        mvc.perform(as(7, get("/api/me")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.userId").value(7));
    }

    @Test
    void noTokenIs401ProblemNamingTheHeader() throws Exception {
        expectProblem(mvc.perform(get("/api/me")), 401, "Authorization: Bearer")
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Bearer")))
                .andExpect(jsonPath("$.code").value("missing-token"))
                .andExpect(jsonPath("$.instance").value("/api/me"));
    }

    @Test
    void wrongSignatureIs401() throws Exception {
        expectProblem(
                mvc.perform(get("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.wrongSignature(7))),
                401,
                "signature");
    }

    @Test
    void expiredTokenIs401() throws Exception {
        expectProblem(
                mvc.perform(get("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.expired(7))),
                401,
                "expired");
    }

    @Test
    void garbageTokenIs401() throws Exception {
        expectProblem(
                mvc.perform(get("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer abc.def")),
                401,
                "Invalid bearer token");
    }

    @Test
    void subjectMustBeAPositiveUserId() throws Exception {
        for (String subject : new String[] {"alice", "-5", "0", "99999999999999999999"}) {
            expectProblem(
                    mvc.perform(
                            get("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.withSubject(subject))),
                    401,
                    "sub claim must be a user id");
        }
    }

    @Test
    void domainForbiddenIs403WithCode() throws Exception {
        expectProblem(mvc.perform(as(7, get("/api/forbidden"))), 403, "not a member of conversation 42")
                .andExpect(jsonPath("$.code").value("not-a-member"));
    }

    @Test
    void securityAccessDeniedInAControllerIs403() throws Exception {
        expectProblem(mvc.perform(as(7, get("/api/denied"))), 403, "admins only");
    }

    @Test
    void accessDeniedHandlerWritesProblemJson() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("DELETE", "/api/things/1");
        MockHttpServletResponse response = new MockHttpServletResponse();
        accessDeniedHandler.handle(request, response, new AccessDeniedException("no"));
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(response.getContentAsString()).contains("\"status\":403", "DELETE /api/things/1");
    }

    @Test
    void notFoundIs404() throws Exception {
        expectProblem(mvc.perform(as(7, get("/api/missing"))), 404, "No conversation 42");
    }

    @Test
    void unavailableIs503WithRetryAfter() throws Exception {
        expectProblem(mvc.perform(as(7, get("/api/busy"))), 503, "Try again")
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "3"));
    }

    @Test
    void malformedJsonIs400() throws Exception {
        expectProblem(
                mvc.perform(as(
                        7,
                        post("/api/greetings")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"name\": "))),
                400,
                "Malformed JSON");
    }

    @Test
    void missingBodyIs400() throws Exception {
        expectProblem(
                mvc.perform(as(7, post("/api/greetings").contentType(MediaType.APPLICATION_JSON))),
                400,
                "body is missing");
    }

    @Test
    void wrongFieldTypeIs400NamingTheField() throws Exception {
        expectProblem(
                mvc.perform(as(
                        7,
                        post("/api/greetings")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"name\":\"x\",\"count\":\"many\"}"))),
                400,
                "'count'");
    }

    @Test
    void validationErrorsAre400ListingEachField() throws Exception {
        expectProblem(
                        mvc.perform(as(
                                7,
                                post("/api/greetings")
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .content("{\"name\":\" \",\"count\":0}"))),
                        400,
                        "count: must be greater than 0")
                .andExpect(jsonPath("$.detail", containsString("name: must not be blank")))
                .andExpect(jsonPath("$.errors.length()").value(2));
    }

    @Test
    void unsupportedMediaTypeIs415() throws Exception {
        expectProblem(
                mvc.perform(as(
                        7,
                        post("/api/greetings").contentType(MediaType.TEXT_PLAIN).content("hi"))),
                415,
                "text/plain");
    }

    @Test
    void pathTypeMismatchIs400() throws Exception {
        expectProblem(
                mvc.perform(as(7, get("/api/items/abc").param("scope", "me"))), 400, "'id' must be a long, got 'abc'");
    }

    @Test
    void missingParameterIs400() throws Exception {
        expectProblem(mvc.perform(as(7, get("/api/items/1"))), 400, "scope");
    }

    @Test
    void unknownEndpointIs404() throws Exception {
        expectProblem(mvc.perform(as(7, get("/api/nothing-here"))), 404, "No endpoint GET /api/nothing-here");
    }

    @Test
    void unexpectedErrorsAre500WithoutInternals() throws Exception {
        expectProblem(mvc.perform(as(7, get("/api/bug"))), 500, "reference")
                .andExpect(jsonPath("$.detail", not(containsString("secret internals"))));
    }

    @Test
    void apiDocsArePublicAndDeclareTheBearerScheme() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.components.securitySchemes.bearer-jwt.scheme")
                        .value("bearer"))
                .andExpect(content().string(not(containsString("CurrentUser"))));
    }

    private MockHttpServletRequestBuilder as(long userId, MockHttpServletRequestBuilder request) {
        return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.forUser(userId));
    }

    private static ResultActions expectProblem(ResultActions result, int status, String detailFragment)
            throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.detail", allOf(containsString(detailFragment))));
    }
}
