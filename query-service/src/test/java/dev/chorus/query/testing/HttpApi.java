package dev.chorus.query.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A real HTTP client against the running service: GET with a bearer token and optional headers. */
public final class HttpApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public HttpApi(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    /** A response with its body parsed as JSON (MissingNode when empty). */
    public record Response(int status, HttpHeaders headers, JsonNode body) {
        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Response get(String pathAndQuery, String bearerToken, String... headerNamesAndValues) {
        try {
            return parse(client.send(request(pathAndQuery, bearerToken, headerNamesAndValues), bodyHandler()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public CompletableFuture<Response> getAsync(
            String pathAndQuery, String bearerToken, String... headerNamesAndValues) {
        return client.sendAsync(request(pathAndQuery, bearerToken, headerNamesAndValues), bodyHandler())
                .thenApply(HttpApi::parse);
    }

    private HttpRequest request(String pathAndQuery, String bearerToken, String... headerNamesAndValues) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json")
                .GET();
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        for (int i = 0; i < headerNamesAndValues.length; i += 2) {
            request.header(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
        }
        return request.build();
    }

    private static HttpResponse.BodyHandler<String> bodyHandler() {
        return HttpResponse.BodyHandlers.ofString();
    }

    private static Response parse(HttpResponse<String> response) {
        try {
            JsonNode body = response.body() == null || response.body().isEmpty()
                    ? MissingNode.getInstance()
                    : JSON.readTree(response.body());
            return new Response(response.statusCode(), response.headers(), body);
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + response.body(), e);
        }
    }
}
