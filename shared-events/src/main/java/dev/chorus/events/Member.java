package dev.chorus.events;

public record Member(long userId, MemberRole role) {}
