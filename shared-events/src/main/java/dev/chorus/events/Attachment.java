package dev.chorus.events;

public record Attachment(String storageKey, String mimeType, long sizeBytes) {}
