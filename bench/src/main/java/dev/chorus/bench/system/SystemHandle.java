package dev.chorus.bench.system;

/** A system the bench started (and stops on close) or one it only points at. */
public interface SystemHandle extends AutoCloseable {

    SystemUnderTest system();

    @Override
    void close();
}
