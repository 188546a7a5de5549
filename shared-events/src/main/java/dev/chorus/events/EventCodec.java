package dev.chorus.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

/**
 * The JSON wire format of events. Payloads are the records' components; older schema versions are
 * upcast on read, so any stored or published event of any version decodes to the current record.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = newObjectMapper();

    private EventCodec() {}

    /** The mapper that defines payload JSON; the event store serializer must use the same settings. */
    public static ObjectMapper newObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    public static byte[] encode(EventEnvelope envelope) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("eventId", envelope.eventId().toString());
        root.put("type", envelope.type());
        root.put("schemaVersion", envelope.schemaVersion());
        root.put("conversationId", envelope.conversationId().toString());
        root.put("position", envelope.position());
        if (envelope.aggregateVersion() != null) {
            root.put("aggregateVersion", envelope.aggregateVersion());
        }
        root.put("occurredAt", envelope.occurredAt().toString());
        root.set("payload", MAPPER.valueToTree(envelope.payload()));
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode " + envelope.type(), e);
        }
    }

    public static EventEnvelope decode(byte[] json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new MalformedEventException("Not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !root.hasNonNull("type") || !root.has("payload")) {
            throw new MalformedEventException("Not an event envelope", null);
        }
        String type = root.get("type").asText();
        int version = root.path("schemaVersion").asInt(1);
        ChatEvent payload = decodePayload(type, version, (ObjectNode) root.get("payload"));
        JsonNode aggregateVersion = root.get("aggregateVersion");
        return new EventEnvelope(
                UUID.fromString(root.get("eventId").asText()),
                EventTypes.describe(payload.getClass()).name(),
                EventTypes.describe(payload.getClass()).version(),
                UUID.fromString(root.get("conversationId").asText()),
                root.path("position").asLong(),
                aggregateVersion == null || aggregateVersion.isNull() ? null : aggregateVersion.asLong(),
                Instant.parse(root.get("occurredAt").asText()),
                payload);
    }

    /** Decodes a payload stored as {@code json} under {@code type} (wire name or class name) at {@code version}. */
    public static ChatEvent decodePayload(String type, int version, byte[] json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (!(node instanceof ObjectNode object)) {
                throw new MalformedEventException("Payload of " + type + " is not a JSON object", null);
            }
            return decodePayload(type, version, object);
        } catch (IOException e) {
            throw new MalformedEventException("Payload of " + type + " is not JSON", e);
        }
    }

    static ChatEvent decodePayload(String type, int version, ObjectNode payload) {
        EventTypes.Descriptor d = EventTypes.byName(type);
        ObjectNode current =
                version < d.version() ? Upcasters.upcast(d.name(), version, d.version(), payload) : payload;
        try {
            return MAPPER.treeToValue(current, d.type());
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("Payload does not match " + d.name() + " v" + d.version(), e);
        }
    }

    public static byte[] encodePayload(ChatEvent event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static final class MalformedEventException extends RuntimeException {
        MalformedEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
