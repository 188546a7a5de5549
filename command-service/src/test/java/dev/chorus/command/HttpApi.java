package dev.chorus.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.chorus.web.DevTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Drives the command API over real HTTP, as a client would. */
public final class HttpApi {

    /** One response: status, content type and the parsed JSON body. */
    public record Response(int status, String contentType, JsonNode json, String raw) {
        public String detail() {
            return json.path("detail").asText();
        }

        public String token() {
            return json.path("consistencyToken").asText();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final DevTokens tokens;

    public HttpApi(String baseUrl, DevTokens tokens) {
        this.baseUrl = baseUrl;
        this.tokens = tokens;
    }

    public DevTokens tokens() {
        return tokens;
    }

    public Response post(long user, String path, String json) {
        return send("POST", path, json, "Bearer " + tokens.forUser(user));
    }

    public Response put(long user, String path, String json) {
        return send("PUT", path, json, "Bearer " + tokens.forUser(user));
    }

    public Response delete(long user, String path) {
        return send("DELETE", path, null, "Bearer " + tokens.forUser(user));
    }

    /** A request with any (or no: null) Authorization header. */
    public Response send(String method, String path, String json, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            String type = response.headers().firstValue("Content-Type").orElse("");
            JsonNode parsed = body == null || body.isBlank() || !type.contains("json")
                    ? MissingNode.getInstance()
                    : JSON.readTree(body);
            return new Response(response.statusCode(), type, parsed, body);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
