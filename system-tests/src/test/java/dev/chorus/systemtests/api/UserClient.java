package dev.chorus.systemtests.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One user talking to both services with their own bearer token. Commands check the documented success
 * status and return what the contract promises (always with the consistency token); reads take the
 * tokens of earlier writes and send them as {@code Consistency-Token}, so a test reads its own writes
 * without sleeping.
 */
public final class UserClient {

    private final long userId;
    private final String bearer;
    private final HttpJson http;
    private final URI commands;
    private final URI queries;

    UserClient(long userId, String bearer, HttpJson http, URI commands, URI queries) {
        this.userId = userId;
        this.bearer = bearer;
        this.http = http;
        this.commands = commands;
        this.queries = queries;
    }

    public long id() {
        return userId;
    }

    // ---- results ------------------------------------------------------------------------------

    /** @param status 201 when created, 200 when an existing conversation was returned */
    public record Created(UUID conversationId, String token, int status) {}

    /** @param status 201 when appended, 200 when the clientMessageId was used before */
    public record Sent(UUID conversationId, long seq, UUID messageId, Instant sentAt, String token, int status) {}

    public record ReadAck(long readSeq, String token) {}

    /** A 202 with its consistency token. */
    public record Accepted(String token) {}

    // ---- commands (command-service) -----------------------------------------------------------

    public Created createGroup(String title, long... memberIds) {
        return createGroup(null, title, memberIds);
    }

    public Created createGroup(UUID conversationId, String title, long... memberIds) {
        Map<String, Object> body = new HashMap<>();
        if (conversationId != null) {
            body.put("conversationId", conversationId);
        }
        body.put("type", "GROUP");
        body.put("title", title);
        body.put("memberIds", Arrays.stream(memberIds).boxed().toList());
        return created(command("POST", "/api/conversations", body).expect(201, 200));
    }

    public Created createDm(long peer) {
        Map<String, Object> body = Map.of("type", "DM", "memberIds", List.of(peer));
        return created(command("POST", "/api/conversations", body).expect(201, 200));
    }

    public Accepted addMembers(UUID conversationId, long... userIds) {
        Map<String, Object> body =
                Map.of("userIds", Arrays.stream(userIds).boxed().toList());
        return accepted(command("POST", "/api/conversations/" + conversationId + "/members", body));
    }

    /** Leave (own id) or remove someone (admins). */
    public Accepted removeMember(UUID conversationId, long member) {
        return accepted(command("DELETE", "/api/conversations/" + conversationId + "/members/" + member, null));
    }

    public Accepted leave(UUID conversationId) {
        return removeMember(conversationId, userId);
    }

    public Sent send(UUID conversationId, String text) {
        return send(conversationId, UUID.randomUUID(), text);
    }

    public Sent send(UUID conversationId, UUID clientMessageId, String text) {
        Map<String, Object> body = Map.of("clientMessageId", clientMessageId, "type", "TEXT", "body", text);
        ApiResponse response = command("POST", "/api/conversations/" + conversationId + "/messages", body)
                .expect(201, 200);
        JsonNode json = response.body();
        return new Sent(
                UUID.fromString(json.get("conversationId").asText()),
                json.get("seq").asLong(),
                UUID.fromString(json.get("messageId").asText()),
                Instant.parse(json.get("sentAt").asText()),
                token(response),
                response.status());
    }

    public ReadAck markRead(UUID conversationId, long upToSeq) {
        ApiResponse response = command(
                        "POST", "/api/conversations/" + conversationId + "/read", Map.of("upToSeq", upToSeq))
                .expect(202);
        return new ReadAck(response.body().get("readSeq").asLong(), token(response));
    }

    public Accepted deleteForEveryone(UUID conversationId, long seq) {
        return accepted(command(
                "DELETE", "/api/conversations/" + conversationId + "/messages/" + seq + "?scope=everyone", null));
    }

    /** Delete with scope=me: hidden for this user only. */
    public Accepted hide(UUID conversationId, long seq) {
        return accepted(
                command("DELETE", "/api/conversations/" + conversationId + "/messages/" + seq + "?scope=me", null));
    }

    /** Mute until an instant; null unmutes. */
    public Accepted mute(UUID conversationId, Instant until) {
        Map<String, Object> body = new HashMap<>();
        body.put("until", until == null ? null : until.toString());
        return accepted(command("PUT", "/api/conversations/" + conversationId + "/mute", body));
    }

    // ---- reads (query-service) ----------------------------------------------------------------

    /**
     * The whole inbox, following {@code nextCursor} with pages of {@code pageSize}. Before the first page
     * it waits for every given token (one read per token: a token names one write).
     */
    public Inbox inbox(int pageSize, String... tokens) {
        String last = awaitAllButLast(tokens);
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String path = "/api/inbox?limit=" + pageSize + (cursor == null ? "" : "&cursor=" + encode(cursor));
            JsonNode page = query(path, pages == 0 ? last : null).expect(200).body();
            page.get("items").forEach(items::add);
            pages++;
            JsonNode next = page.get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asText();
            if (pages > 1000) {
                throw new AssertionError("Inbox paging does not end for user " + userId);
            }
        } while (cursor != null);
        return new Inbox(items, pages);
    }

    public Inbox inbox(String... tokens) {
        return inbox(50, tokens);
    }

    /** The full history, newest first (one page of 200). */
    public JsonNode history(UUID conversationId, String... tokens) {
        return query("/api/conversations/" + conversationId + "/messages?limit=200", awaitAllButLast(tokens))
                .expect(200)
                .body();
    }

    public JsonNode conversation(UUID conversationId, String... tokens) {
        return query("/api/conversations/" + conversationId, awaitAllButLast(tokens))
                .expect(200)
                .body();
    }

    public JsonNode receipts(UUID conversationId, long seq, String... tokens) {
        return query("/api/conversations/" + conversationId + "/messages/" + seq + "/receipts", awaitAllButLast(tokens))
                .expect(200)
                .body();
    }

    public JsonNode search(String q, String... tokens) {
        return query("/api/search?q=" + encode(q), awaitAllButLast(tokens))
                .expect(200)
                .body();
    }

    /** Any read, answered with whatever status it gets (for 403/404 checks). */
    public ApiResponse read(String path, String token) {
        return query(path, token);
    }

    /** Waits until the read model includes the write behind {@code token} (any read waits the same). */
    public void await(String token) {
        query("/api/inbox?limit=1", token).expect(200);
    }

    // ---- plumbing -----------------------------------------------------------------------------

    private String awaitAllButLast(String... tokens) {
        for (int i = 0; i < tokens.length - 1; i++) {
            await(tokens[i]);
        }
        return tokens.length == 0 ? null : tokens[tokens.length - 1];
    }

    private ApiResponse command(String method, String path, Object body) {
        return http.exchange(method, commands.resolve(path), bearer, body, null);
    }

    private ApiResponse query(String path, String consistencyToken) {
        return http.exchange("GET", queries.resolve(path), bearer, null, consistencyToken);
    }

    private static Created created(ApiResponse response) {
        JsonNode json = response.body();
        return new Created(UUID.fromString(json.get("conversationId").asText()), token(response), response.status());
    }

    private static Accepted accepted(ApiResponse response) {
        return new Accepted(token(response.expect(202)));
    }

    private static String token(ApiResponse response) {
        JsonNode token = response.body().get("consistencyToken");
        if (token == null || token.isNull() || token.asText().isBlank()) {
            throw new AssertionError(response.request() + " returned no consistencyToken: " + response.body());
        }
        return token.asText();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
