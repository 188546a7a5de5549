package dev.chorus.events;

public enum MessageType {
    TEXT,
    IMAGE,
    FILE,
    /** Joins and leaves in history; never counted as unread. */
    SYSTEM;

    public boolean countable() {
        return this != SYSTEM;
    }
}
