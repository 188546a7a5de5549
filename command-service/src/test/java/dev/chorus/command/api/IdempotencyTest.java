package dev.chorus.command.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.command.CommandServiceTestBase;
import dev.chorus.command.HttpApi;
import dev.chorus.command.conversation.CreateConversation;
import dev.chorus.events.ConsistencyToken;
import dev.chorus.events.ConversationType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Retries and races over HTTP: repeated requests append nothing, concurrent ones stay consistent. */
class IdempotencyTest extends CommandServiceTestBase {

    @Autowired
    CommandDispatcher commands;

    @Test
    void theSameClientMessageIdTwiceIsOneMessage() {
        long alice = newUser();
        long bob = newUser();
        UUID conversation = createGroup(alice, bob);
        UUID clientMessageId = UUID.randomUUID();
        long before = eventCount();

        HttpApi.Response first = sendText(bob, conversation, clientMessageId, "once");
        HttpApi.Response again = sendText(bob, conversation, clientMessageId, "once");

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        for (String field : List.of("conversationId", "seq", "messageId", "sentAt")) {
            assertThat(again.json().path(field))
                    .as(field)
                    .isEqualTo(first.json().path(field));
        }
        assertThat(eventCount()).isEqualTo(before + 1);
        assertThat(ConsistencyToken.decode(again.token()))
                .isEqualTo(new ConsistencyToken.ConversationAt(conversation, 1));
    }

    @Test
    void aDmCreatedTwiceFromEitherSideIsTheSameConversation() {
        long alice = newUser();
        long bob = newUser();
        HttpApi.Response first = createDm(alice, bob, null);
        HttpApi.Response again = createDm(alice, bob, null);
        HttpApi.Response fromBob = createDm(bob, alice, UUID.randomUUID());

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(fromBob.status()).isEqualTo(200);
        String id = first.json().path("conversationId").asText();
        assertThat(again.json().path("conversationId").asText()).isEqualTo(id);
        assertThat(fromBob.json().path("conversationId").asText()).isEqualTo(id);
        assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void concurrentDmCreatesAgreeOnOneConversation() throws Exception {
        long alice = newUser();
        long bob = newUser();
        List<Callable<HttpApi.Response>> creates = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            boolean fromAlice = i % 2 == 0;
            creates.add(() -> fromAlice ? createDm(alice, bob, null) : createDm(bob, alice, null));
        }
        List<HttpApi.Response> responses = runConcurrently(creates);

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.raw()).isIn(200, 201));
        assertThat(responses.stream().filter(r -> r.status() == 201)).hasSize(1);
        assertThat(responses.stream()
                        .map(r -> r.json().path("conversationId").asText())
                        .distinct())
                .hasSize(1);
    }

    @Test
    void theUniqueKeyOnTheUserPairRejectsASecondDmEvenPastTheLookup() {
        long alice = newUser();
        long bob = newUser();
        commands.send(new CreateConversation(UUID.randomUUID(), alice, ConversationType.DM, null, List.of(bob)));
        long before = eventCount();
        // The controller looks the pair up first; a command racing past that lookup meets the unique key.
        assertThatThrownBy(() -> commands.send(
                        new CreateConversation(UUID.randomUUID(), bob, ConversationType.DM, null, List.of(alice))))
                .hasStackTraceContaining("direct_conversation_pkey");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void aRetriedCreateWithTheClientsIdAnswersTheSameAndAStrangersIsAConflict() {
        long alice = newUser();
        UUID id = UUID.randomUUID();
        Map<String, Object> request = Map.of("conversationId", id.toString(), "type", "GROUP", "memberIds", List.of());
        HttpApi.Response first = api.post(alice, "/api/conversations", HttpApi.json(request));
        HttpApi.Response again = api.post(alice, "/api/conversations", HttpApi.json(request));
        HttpApi.Response stranger = api.post(newUser(), "/api/conversations", HttpApi.json(request));

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("conversationId").asText()).isEqualTo(id.toString());
        assertThat(again.token()).isEqualTo(first.token());
        assertThat(stranger.status()).isEqualTo(409);
        assertThat(stranger.contentType()).startsWith("application/problem+json");
    }

    @Test
    void concurrentSendsGetDistinctConsecutiveSeqs() throws Exception {
        long alice = newUser();
        long bob = newUser();
        UUID conversation = createGroup(alice, bob);
        List<Callable<HttpApi.Response>> sends = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long sender = i % 2 == 0 ? alice : bob;
            sends.add(() -> sendText(sender, conversation, UUID.randomUUID(), "race"));
        }
        List<HttpApi.Response> responses = runConcurrently(sends);
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.raw()).isEqualTo(201));
        assertThat(responses.stream().map(r -> r.json().path("seq").asLong()))
                .containsExactlyInAnyOrderElementsOf(
                        java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList());
    }

    @Test
    void markingReadFromManyThreadsWhileMessagesArriveKeepsPointersMonotonic() throws Exception {
        long alice = newUser();
        long bob = newUser();
        UUID conversation = createGroup(alice, bob);
        String read = "/api/conversations/" + conversation + "/read";
        int messages = 30;
        ExecutorService pool = Executors.newFixedThreadPool(7);
        try {
            Future<List<HttpApi.Response>> sender = pool.submit(() -> {
                List<HttpApi.Response> sent = new ArrayList<>();
                for (int i = 0; i < messages; i++) {
                    sent.add(sendText(alice, conversation, UUID.randomUUID(), "m" + i));
                }
                return sent;
            });
            List<Future<List<HttpApi.Response>>> readers = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                readers.add(pool.submit(() -> {
                    List<HttpApi.Response> answers = new ArrayList<>();
                    for (int i = 1; i <= messages; i++) {
                        answers.add(api.post(bob, read, "{\"upToSeq\": " + i + "}"));
                    }
                    return answers;
                }));
            }
            assertThat(sender.get(120, TimeUnit.SECONDS))
                    .allSatisfy(r -> assertThat(r.status()).as(r.raw()).isEqualTo(201));
            List<HttpApi.Response> answers = new ArrayList<>();
            for (Future<List<HttpApi.Response>> reader : readers) {
                answers.addAll(reader.get(120, TimeUnit.SECONDS));
            }
            assertThat(answers)
                    .allSatisfy(r -> assertThat(r.status()).as(r.raw()).isEqualTo(202));

            // Each answer is a consistent (memberVersion, readSeq) pair: ordered by version, the pointer never goes
            // back.
            record Pointer(long memberVersion, long readSeq) {}
            List<Pointer> pointers = answers.stream()
                    .map(r -> new Pointer(
                            ((ConsistencyToken.MemberAt) ConsistencyToken.decode(r.token())).memberVersion(),
                            r.json().path("readSeq").asLong()))
                    .sorted(Comparator.comparingLong(Pointer::memberVersion))
                    .toList();
            assertThat(pointers.stream().map(Pointer::readSeq)).isSorted();

            // In the event store, every ReadPointerMoved of bob moves strictly forward, with versions 1, 2, 3, ...
            List<String> stored = jdbc.sql(
                            """
                            SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                             WHERE aggregate_identifier = ? ORDER BY sequence_number""")
                    .param("member:" + conversation + ":" + bob)
                    .query(String.class)
                    .list();
            assertThat(stored).isNotEmpty();
            List<Long> readSeqs = stored.stream()
                    .map(json -> Long.parseLong(json.replaceAll(".*\"readSeq\":(\\d+).*", "$1")))
                    .toList();
            assertThat(readSeqs).isSorted().doesNotHaveDuplicates();
            assertThat(readSeqs.get(readSeqs.size() - 1)).isLessThanOrEqualTo(messages);
        } finally {
            pool.shutdownNow();
        }
    }

    private HttpApi.Response createDm(long caller, long other, UUID id) {
        Map<String, Object> request = id == null
                ? Map.of("type", "DM", "memberIds", List.of(other))
                : Map.of("conversationId", id.toString(), "type", "DM", "memberIds", List.of(other));
        return api.post(caller, "/api/conversations", HttpApi.json(request));
    }

    private static <T> List<T> runConcurrently(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(tasks, 120, TimeUnit.SECONDS)) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
