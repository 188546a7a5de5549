package dev.chorus.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the JSON of every event. A failure here means the wire format changed: if that is meant,
 * bump the event's schema version, add an upcaster, and regenerate with {@code -Dwire.update=true}.
 */
class WireFormatTest {

    static final Path WIRE = Path.of("src/test/resources/wire");
    static final UUID CONVERSATION = UUID.fromString("6f1c1a3e-0000-4000-8000-000000000001");
    static final Instant T = Instant.parse("2026-11-22T10:15:30.123Z");
    static final ObjectMapper JSON = new ObjectMapper();

    static Stream<ChatEvent> samples() {
        ObjectMapper m = EventCodec.newObjectMapper();
        return Stream.of(
                new ConversationCreated(
                        CONVERSATION,
                        ConversationType.GROUP,
                        "Weekend plans",
                        1L,
                        List.of(new Member(1L, MemberRole.ADMIN), new Member(2L, MemberRole.MEMBER)),
                        T),
                new MembersAdded(CONVERSATION, 3, 1L, List.of(3L, 4L), T),
                new MemberRemoved(CONVERSATION, 4, 4L, 4L, T),
                new MessageSent(
                        CONVERSATION,
                        5,
                        UUID.fromString("6f1c1a3e-0000-4000-8000-0000000000aa"),
                        UUID.fromString("6f1c1a3e-0000-4000-8000-0000000000bb"),
                        2L,
                        MessageType.IMAGE,
                        "look at this",
                        m.createObjectNode().put("mentions", "@1"),
                        List.of(new Attachment("s3://bucket/k1", "image/png", 2048)),
                        T),
                new MessageDeleted(CONVERSATION, 5, 2L, T),
                new ReadPointerMoved(CONVERSATION, 1L, 5, 1, T),
                new MessageHidden(CONVERSATION, 1L, 5, 2, T),
                new ConversationMuted(CONVERSATION, 1L, T.plusSeconds(3600), 3, T));
    }

    static EventEnvelope envelope(ChatEvent e) {
        return EventEnvelope.of(
                UUID.fromString("6f1c1a3e-0000-4000-8000-0000000000ee"),
                42,
                e instanceof MemberEvent ? null : 7L,
                T,
                e);
    }

    @Test
    void everyRegisteredTypeHasAPinnedSample() {
        assertThat(samples().map(e -> EventTypes.describe(e.getClass()).name()))
                .containsExactlyInAnyOrderElementsOf(EventTypes.all().stream()
                        .map(EventTypes.Descriptor::name)
                        .toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void wireJsonIsPinned(ChatEvent event) throws IOException {
        EventEnvelope envelope = envelope(event);
        byte[] encoded = EventCodec.encode(envelope);
        Path pinned = WIRE.resolve(envelope.type() + ".json");
        if (Boolean.getBoolean("wire.update")) {
            Files.writeString(
                    pinned,
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(encoded)) + "\n",
                    StandardCharsets.UTF_8);
        }
        JsonNode expected = JSON.readTree(Files.readString(pinned));
        assertThat(JSON.readTree(encoded)).isEqualTo(expected);
        assertThat(EventCodec.decode(encoded)).isEqualTo(envelope);
    }

    @Test
    void messageSentV1IsUpcastOnRead() throws IOException {
        byte[] v1 = Files.readAllBytes(WIRE.resolve("MessageSent.v1.json"));

        EventEnvelope decoded = EventCodec.decode(v1);

        MessageSent sent = (MessageSent) decoded.payload();
        assertThat(decoded.schemaVersion()).isEqualTo(2);
        assertThat(sent.body()).isEqualTo("hello from v1");
        assertThat(sent.attachments()).isEmpty();
        assertThat(sent.seq()).isEqualTo(3);
    }

    @Test
    void storedPayloadIsFoundByJavaClassNameToo() {
        MessageDeleted deleted = new MessageDeleted(CONVERSATION, 5, 2L, T);
        byte[] payload = EventCodec.encodePayload(deleted);

        assertThat(EventCodec.decodePayload(MessageDeleted.class.getName(), 1, payload))
                .isEqualTo(deleted);
    }

    @Test
    void garbageIsRejectedWithAClearError() {
        assertThatThrownBy(() -> EventCodec.decode("{\"nope\":1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventCodec.MalformedEventException.class)
                .hasMessageContaining("envelope");
        assertThatThrownBy(() -> EventCodec.decode("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventCodec.MalformedEventException.class);
        assertThatThrownBy(() -> EventTypes.byName("MessageEdited"))
                .isInstanceOf(EventTypes.UnknownEventTypeException.class);
    }
}
