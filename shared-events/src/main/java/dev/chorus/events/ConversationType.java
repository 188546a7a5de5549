package dev.chorus.events;

public enum ConversationType {
    DM,
    GROUP
}
