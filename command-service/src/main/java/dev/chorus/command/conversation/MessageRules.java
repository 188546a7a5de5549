package dev.chorus.command.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chorus.events.Attachment;
import dev.chorus.events.MessageType;
import dev.chorus.web.ChorusException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What a message may contain. A size over a limit is a 413, anything else malformed a 400. */
final class MessageRules {

    private MessageRules() {}

    static void validate(SendMessage command, CommandLimits limits) {
        if (command.clientMessageId() == null) {
            throw invalid("client-message-id-missing", "clientMessageId is required (a UUID chosen by the client)");
        }
        MessageType type = command.type();
        if (type == MessageType.SYSTEM) {
            throw invalid(
                    "system-type-reserved", "type SYSTEM is reserved for joins and leaves; use TEXT, IMAGE or FILE");
        }
        validateBody(command.body(), type, limits);
        validateMeta(command.meta(), limits);
        validateAttachments(command.attachments(), type, limits);
    }

    private static void validateBody(String body, MessageType type, CommandLimits limits) {
        if (body != null) {
            int bytes = body.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > limits.maxBodyBytes()) {
                throw tooLarge(
                        "body-too-large",
                        "body is " + bytes + " bytes (UTF-8); the limit is " + limits.maxBodyBytes() + " bytes");
            }
        }
        if (type == MessageType.TEXT && (body == null || body.isBlank())) {
            throw invalid("body-missing", "a TEXT message needs a non-blank body");
        }
    }

    private static void validateMeta(JsonNode meta, CommandLimits limits) {
        if (meta == null || meta.isNull()) {
            return;
        }
        if (!meta.isObject()) {
            throw invalid("meta-not-object", "meta must be a JSON object, got " + meta.getNodeType());
        }
        int bytes = meta.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > limits.maxMetaBytes()) {
            throw tooLarge(
                    "meta-too-large",
                    "meta is " + bytes + " bytes serialized; the limit is " + limits.maxMetaBytes() + " bytes");
        }
    }

    private static void validateAttachments(List<Attachment> attachments, MessageType type, CommandLimits limits) {
        if (attachments.size() > limits.maxAttachments()) {
            throw tooLarge(
                    "too-many-attachments",
                    attachments.size() + " attachments; the limit is " + limits.maxAttachments());
        }
        if (type != MessageType.TEXT && attachments.isEmpty()) {
            throw invalid("attachment-missing", "an " + type + " message needs at least one attachment");
        }
        for (int i = 0; i < attachments.size(); i++) {
            Attachment a = attachments.get(i);
            String at = "attachments[" + i + "]";
            if (a == null) {
                throw invalid("attachment-invalid", at + " is null");
            }
            if (a.storageKey() == null || a.storageKey().isBlank()) {
                throw invalid("attachment-invalid", at + ".storageKey must not be blank");
            }
            if (a.storageKey().length() > limits.maxStorageKeyLength()) {
                throw invalid(
                        "attachment-invalid",
                        at + ".storageKey is longer than " + limits.maxStorageKeyLength() + " characters");
            }
            if (a.mimeType() == null || a.mimeType().isBlank() || !a.mimeType().contains("/")) {
                throw invalid("attachment-invalid", at + ".mimeType must be a MIME type like image/png");
            }
            if (a.mimeType().length() > limits.maxMimeTypeLength()) {
                throw invalid(
                        "attachment-invalid",
                        at + ".mimeType is longer than " + limits.maxMimeTypeLength() + " characters");
            }
            if (a.sizeBytes() <= 0) {
                throw invalid("attachment-invalid", at + ".sizeBytes must be positive, got " + a.sizeBytes());
            }
            if (a.sizeBytes() > limits.maxAttachmentBytes().toBytes()) {
                throw tooLarge(
                        "attachment-too-large",
                        at + ".sizeBytes is " + a.sizeBytes() + "; the limit is "
                                + limits.maxAttachmentBytes().toBytes() + " bytes");
            }
        }
    }

    static ChorusException.InvalidRequest invalid(String code, String detail) {
        return new ChorusException.InvalidRequest(code, detail);
    }

    static ChorusException.PayloadTooLarge tooLarge(String code, String detail) {
        return new ChorusException.PayloadTooLarge(code, detail);
    }
}
