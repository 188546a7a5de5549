package dev.chorus.projection.rebuild.verify;

/** Row counts of one table on both sides, and how many rows differ in each direction. */
public record TableCount(
        String table, long liveRows, long rebuiltRows, long onlyLive, long onlyRebuilt, boolean truncated) {}
