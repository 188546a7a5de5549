package dev.chorus.query.support;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * PostgreSQL keeps microseconds; cursors carry a timestamp as epoch microseconds so that a seek
 * predicate compares exactly the value the database stored.
 */
public final class Timestamps {

    private Timestamps() {}

    public static long toEpochMicros(OffsetDateTime time) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, time.toInstant());
    }

    public static OffsetDateTime fromEpochMicros(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    public static Instant toInstant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
