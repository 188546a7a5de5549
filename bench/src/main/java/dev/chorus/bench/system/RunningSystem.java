package dev.chorus.bench.system;

/** A system somebody else started on this machine: the bench neither starts nor stops it. */
public record RunningSystem(SystemUnderTest system) implements SystemHandle {

    @Override
    public void close() {}
}
