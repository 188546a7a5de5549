package dev.chorus.events;

public enum MemberRole {
    ADMIN,
    MEMBER
}
