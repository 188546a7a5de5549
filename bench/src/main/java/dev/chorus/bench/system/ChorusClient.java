package dev.chorus.bench.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chorus.devstack.TokenMinter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * The public HTTP API as the benchmark's simulated users call it: bearer tokens minted with the
 * system's HS256 secret (as dev-stack does for its demo users), JSON bodies, HTTP/1.1 keep-alive.
 */
public final class ChorusClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI commandUrl;
    private final URI queryUrl;
    private final TokenMinter minter;
    private final Map<Long, String> tokens = new ConcurrentHashMap<>();

    /** A message the command side accepted. */
    public record Sent(int status, long seq) {}

    public ChorusClient(SystemUnderTest system) {
        if (!system.hasHttpApi()) {
            throw new IllegalStateException("No HTTP API in " + system.description());
        }
        this.commandUrl = system.commandUrl();
        this.queryUrl = system.queryUrl();
        this.minter = new TokenMinter(system.jwtSecret(), Clock.systemUTC());
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(4, r -> {
                    Thread t = new Thread(r, "bench-http");
                    t.setDaemon(true);
                    return t;
                }))
                .build();
    }

    public String token(long userId) {
        return tokens.computeIfAbsent(userId, id -> minter.mint(id, Duration.ofDays(1)));
    }

    /** Creates a GROUP with {@code creator} (becomes ADMIN) and {@code memberIds}; returns its id. */
    public UUID createGroup(long creator, String title, List<Long> memberIds) {
        ObjectNode body = JSON.createObjectNode();
        body.put("conversationId", UUID.randomUUID().toString());
        body.put("type", "GROUP");
        body.put("title", title);
        body.putPOJO("memberIds", memberIds);
        JsonNode answer = expect(send(post(commandUrl, "/api/conversations", creator, body)), 201);
        return UUID.fromString(answer.path("conversationId").asText());
    }

    public void addMembers(long admin, UUID conversationId, List<Long> userIds) {
        ObjectNode body = JSON.createObjectNode();
        body.putPOJO("userIds", userIds);
        expect(send(post(commandUrl, "/api/conversations/" + conversationId + "/members", admin, body)), 202);
    }

    /** Sends a TEXT message; completes with the HTTP status and, on 201, the assigned seq. */
    public CompletableFuture<Sent> sendMessage(long sender, UUID conversationId, String text) {
        ObjectNode body = JSON.createObjectNode();
        body.put("clientMessageId", UUID.randomUUID().toString());
        body.put("type", "TEXT");
        body.put("body", text);
        HttpRequest request = post(commandUrl, "/api/conversations/" + conversationId + "/messages", sender, body);
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
            if (response.statusCode() != 201) {
                return new Sent(response.statusCode(), -1);
            }
            try {
                return new Sent(201, JSON.readTree(response.body()).path("seq").asLong(-1));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** GET /api/inbox?limit= as {@code userId}; the raw response (the caller checks the status). */
    public HttpResponse<byte[]> inbox(long userId, int limit) {
        return send(get(queryUrl, "/api/inbox?limit=" + limit, userId));
    }

    /** GET /api/conversations/{id}/messages, newest first, optionally before a seq. */
    public HttpResponse<byte[]> history(long userId, UUID conversationId, Long beforeSeq, int limit) {
        String query = "?limit=" + limit + (beforeSeq == null ? "" : "&beforeSeq=" + beforeSeq);
        return send(get(queryUrl, "/api/conversations/" + conversationId + "/messages" + query, userId));
    }

    public static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest post(URI base, String path, long userId, JsonNode body) {
        try {
            return HttpRequest.newBuilder(base.resolve(path))
                    .timeout(REQUEST_TIMEOUT)
                    .header("Authorization", "Bearer " + token(userId))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest get(URI base, String path, long userId) {
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token(userId))
                .header("Accept", "application/json")
                .GET()
                .build();
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static JsonNode expect(HttpResponse<byte[]> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(
                    response.request().method() + " " + response.request().uri()
                            + " answered " + response.statusCode() + " (expected " + status + "): "
                            + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return response.body().length == 0 ? JSON.nullNode() : json(response);
    }
}
