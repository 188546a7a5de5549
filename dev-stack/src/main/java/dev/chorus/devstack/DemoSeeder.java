package dev.chorus.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chorus.devstack.DemoUsers.DemoUser;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Demo data through the public command API only (so it flows through the event store, Kafka and the
 * projections like any user's writes): two DMs and a busy group, with read pointers left at different
 * places so the inbox shows real unread counts.
 *
 * <p>Conversation ids and client message ids are derived from fixed names, so seeding twice appends
 * nothing: the second create returns the existing conversation and each repeated send the original message.
 */
public final class DemoSeeder {

    /** Messages in the busy group. */
    static final int GROUP_MESSAGES = 48;

    private static final List<String> CHATTER = List.of(
            "Morning! Stand-up in 10?",
            "Pushed the fix for the flaky test",
            "Can someone review #214?",
            "Looking now",
            "LGTM, one nit about naming",
            "Deploying to staging",
            "Staging is green",
            "Lunch?",
            "The dashboard shows p99 at 8 ms",
            "Nice!",
            "Who owns the on-call rotation this week?",
            "Me, until Friday",
            "Release notes drafted, comments welcome",
            "Shipping it");

    /** How long to wait for the projection to show the seeded writes before giving up. */
    private static final Duration VISIBILITY_PATIENCE = Duration.ofSeconds(60);

    private final ChorusApiClient commands;
    private final ChorusApiClient queries;
    private final TokenMinter tokens;
    /** The last consistency token per (conversation, user): reading with each proves every write visible. */
    private final Map<String, Written> lastWrites = new LinkedHashMap<>();

    private record Written(DemoUser user, String consistencyToken) {}

    public DemoSeeder(LocalStack stack) {
        this(stack.baseUrl(ChorusService.COMMAND), stack.baseUrl(ChorusService.QUERY), stack.tokens());
    }

    DemoSeeder(URI commandService, URI queryService, TokenMinter tokens) {
        this.commands = new ChorusApiClient(commandService);
        this.queries = new ChorusApiClient(queryService);
        this.tokens = tokens;
    }

    /** What was created, for the banner. */
    public record Summary(int conversations, int messages) {}

    public Summary seed() {
        int messages = 0;

        UUID aliceBob = createDm(DemoUsers.ALICE, DemoUsers.BOB);
        messages += send(aliceBob, DemoUsers.ALICE, "dm-ab-1", "Hi Bob, got a minute for the launch plan?");
        messages += send(aliceBob, DemoUsers.BOB, "dm-ab-2", "Sure, call in 5?");
        messages += send(aliceBob, DemoUsers.ALICE, "dm-ab-3", "Perfect, sending the doc now");
        messages += send(aliceBob, DemoUsers.ALICE, "dm-ab-4", "Here it is: launch-plan-v3");

        UUID aliceCarol = createDm(DemoUsers.CAROL, DemoUsers.ALICE);
        messages += send(aliceCarol, DemoUsers.CAROL, "dm-ca-1", "Are the metrics dashboards ready?");
        messages += send(aliceCarol, DemoUsers.CAROL, "dm-ca-2", "No rush, tomorrow is fine");

        UUID crew = createGroup(DemoUsers.ALICE, "Launch crew", DemoUsers.ALL);
        long lastSeq = 0;
        for (int i = 0; i < GROUP_MESSAGES; i++) {
            DemoUser sender = DemoUsers.ALL.get((i * 7 + i / 3) % DemoUsers.ALL.size());
            JsonNode sent = sendMessage(crew, sender, "crew-" + i, CHATTER.get(i % CHATTER.size()));
            lastSeq = sent.path("seq").asLong(lastSeq);
            messages++;
        }
        // Leave everyone somewhere different: bob far behind, carol nearly caught up, dave read it all.
        markRead(crew, DemoUsers.BOB, Math.max(1, lastSeq - 30));
        markRead(crew, DemoUsers.CAROL, Math.max(1, lastSeq - 2));
        markRead(crew, DemoUsers.DAVE, lastSeq);
        awaitVisible();
        return new Summary(3, messages);
    }

    /** Returns once query-service shows every write above, so the printed curl line shows all of it. */
    private void awaitVisible() {
        for (Written written : lastWrites.values()) {
            queries.getConsistent(
                    "/api/inbox?limit=1", token(written.user()), written.consistencyToken(), VISIBILITY_PATIENCE);
        }
    }

    private void remember(UUID conversation, DemoUser user, JsonNode response) {
        String consistencyToken = response.path("consistencyToken").asText(null);
        if (consistencyToken != null) {
            lastWrites.put(conversation + "/" + user.id(), new Written(user, consistencyToken));
        }
    }

    private UUID createDm(DemoUser creator, DemoUser other) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("conversationId", fixedId("dm:" + creator.name() + ":" + other.name()));
        body.put("type", "DM");
        body.put("memberIds", List.of(other.id()));
        return UUID.fromString(commands.post("/api/conversations", token(creator), body)
                .path("conversationId")
                .asText());
    }

    private UUID createGroup(DemoUser creator, String title, List<DemoUser> members) {
        List<Long> memberIds = new ArrayList<>();
        for (DemoUser member : members) {
            if (member.id() != creator.id()) {
                memberIds.add(member.id());
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("conversationId", fixedId("group:" + title));
        body.put("type", "GROUP");
        body.put("title", title);
        body.put("memberIds", memberIds);
        return UUID.fromString(commands.post("/api/conversations", token(creator), body)
                .path("conversationId")
                .asText());
    }

    private int send(UUID conversation, DemoUser sender, String key, String text) {
        sendMessage(conversation, sender, key, text);
        return 1;
    }

    private JsonNode sendMessage(UUID conversation, DemoUser sender, String key, String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientMessageId", fixedId("message:" + conversation + ":" + key));
        body.put("type", "TEXT");
        body.put("body", text);
        JsonNode sent = commands.post("/api/conversations/" + conversation + "/messages", token(sender), body);
        remember(conversation, sender, sent);
        return sent;
    }

    private void markRead(UUID conversation, DemoUser reader, long upToSeq) {
        JsonNode read = commands.post(
                "/api/conversations/" + conversation + "/read", token(reader), Map.of("upToSeq", upToSeq));
        remember(conversation, reader, read);
    }

    private String token(DemoUser user) {
        return tokens.mint(user.id());
    }

    static UUID fixedId(String name) {
        return UUID.nameUUIDFromBytes(("chorus-demo:" + name).getBytes(StandardCharsets.UTF_8));
    }
}
