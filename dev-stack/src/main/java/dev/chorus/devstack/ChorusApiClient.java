package dev.chorus.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A minimal JSON-over-HTTP client of the public API, as a user with a bearer token calls it. */
final class ChorusApiClient {

    static final String CONSISTENCY_TOKEN = "Consistency-Token";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI baseUrl;

    ChorusApiClient(URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    JsonNode post(String path, String token, Object body) {
        return body("POST", path, exchange("POST", path, token, body, Map.of()));
    }

    JsonNode get(String path, String token) {
        return body("GET", path, exchange("GET", path, token, null, Map.of()));
    }

    /**
     * A read that presents a write's consistency token: query-service answers once its read model includes
     * that write, or 503 after its own bounded wait, in which case this asks again until {@code patience}.
     */
    JsonNode getConsistent(String path, String token, String consistencyToken, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            HttpResponse<String> response =
                    exchange("GET", path, token, null, Map.of(CONSISTENCY_TOKEN, consistencyToken));
            if (response.statusCode() != 503 || System.nanoTime() > deadline) {
                return body("GET", path, response);
            }
        }
    }

    private JsonNode body(String method, String path, HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + baseUrl.resolve(path) + " answered " + response.statusCode()
                    + ": " + response.body());
        }
        try {
            return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " answered no JSON: " + response.body(), e);
        }
    }

    private HttpResponse<String> exchange(
            String method, String path, String token, Object body, Map<String, String> headers) {
        try {
            HttpRequest.BodyPublisher publisher = body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
            HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve(path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .method(method, publisher);
            headers.forEach(request::header);
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
