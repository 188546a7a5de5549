package dev.chorus.bench.data;

import java.util.Map;

/**
 * The read data set as loaded: the plan, plus the ids the seed-000 baseline gave each DM message
 * ({@code seed000MessageIds.get(conversationIndex)[seq]}), which its seek pagination needs.
 */
public record LoadedData(ReadDataPlan plan, Map<Integer, long[]> seed000MessageIds, long messageRows) {}
