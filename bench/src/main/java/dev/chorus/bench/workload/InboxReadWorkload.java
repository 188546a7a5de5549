package dev.chorus.bench.workload;

import dev.chorus.bench.data.LoadedData;
import dev.chorus.bench.data.ReadDataPlan;
import dev.chorus.bench.report.ChartSpec;
import dev.chorus.bench.report.Measurement;
import dev.chorus.bench.sql.BaselineQueries;
import dev.chorus.bench.sql.ChorusQueries;
import dev.chorus.bench.sql.NamedSql;
import dev.chorus.bench.system.ChorusClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Inbox first page (50 entries) for users in 10 / 100 / 500 conversations, at each concurrency:
 * query-service over HTTP, query-service's own SQL directly, and seed 000's fan-out-on-read SQL.
 */
public final class InboxReadWorkload implements Workload {

    public static final String ID = "read-inbox";
    public static final String CHORUS = "chorus";
    public static final String FANOUT_ON_READ = "fan-out-on-read (seed 000 §3A+§4)";
    public static final String CHORUS_CUSTOM_PLANS = "chorus, custom plans (prepareThreshold=0)";
    static final int PAGE = 50;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "inbox first page: query-service (HTTP and its SQL) vs seed 000 fan-out-on-read COUNT(*) joins";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        LoadedData data = ctx.readData();
        ReadDataPlan plan = data.plan();
        NamedSql chorusSql = NamedSql.of(ChorusQueries.INBOX_FIRST_PAGE);
        NamedSql baselineSql = NamedSql.of(BaselineQueries.SEED000_INBOX_PAGE);
        boolean http = ctx.system().hasHttpApi();
        ctx.report()
                .method("Reads (" + ID + ", history): closed loop, N workers each sending its next request when"
                        + " the previous one answered, "
                        + ctx.profile().cellWarmup().toMillis() + " ms warm-up then "
                        + ctx.profile().cellMeasure().toMillis()
                        + " ms measured per cell; each request picks a random user of"
                        + " the tier (or a random DM). HTTP = GET on query-service with a bearer token (JSON parsed by the"
                        + " service, not by the bench); SQL = the statement over JDBC on a pooled connection, every column of"
                        + " every row read. Both load generator and servers share the same cores.");
        if (http && ctx.claimReadWarmUp()) {
            warmUp(ctx, plan);
        }
        List<ChartSpec.Series> chart = new ArrayList<>();
        int chartConcurrency = ctx.profile().concurrencies().contains(4)
                ? 4
                : ctx.profile().concurrencies().get(0);
        for (int tier : plan.tiers()) {
            List<Long> users = plan.usersByTier().get(tier);
            String check = sameConversations(ctx, data, users.get(0), chorusSql, baselineSql);
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("conversations", tier);
            for (int concurrency : ctx.profile().concurrencies()) {
                List<Measurement> cell = new ArrayList<>();
                if (http) {
                    ChorusClient client = ctx.client();
                    cell.add(Cells.run(
                            ctx,
                            ID,
                            CHORUS,
                            "HTTP",
                            params,
                            concurrency,
                            Cells.http(() -> client.inbox(pick(users), PAGE))));
                }
                cell.add(Cells.run(
                        ctx,
                        ID,
                        CHORUS,
                        "SQL",
                        params,
                        concurrency,
                        Cells.sql(ctx, chorusSql, r -> Map.of("userId", pick(users), "fetch", PAGE + 1))));
                cell.add(Cells.run(
                        ctx,
                        ID,
                        FANOUT_ON_READ,
                        "SQL",
                        params,
                        concurrency,
                        Cells.sql(ctx, baselineSql, r -> Map.of("userId", pick(users), "limit", PAGE))));
                if (tier == plan.tiers().get(plan.tiers().size() - 1)) {
                    // Diagnostic, largest tier only: the same statement planned for every execution.
                    cell.add(Cells.run(
                            ctx,
                            ID,
                            CHORUS_CUSTOM_PLANS,
                            "SQL",
                            params,
                            concurrency,
                            Cells.sql(
                                    ctx.readModelCustomPlans(),
                                    chorusSql,
                                    r -> Map.of("userId", pick(users), "fetch", PAGE + 1))));
                }
                if (tier == plan.tiers().get(plan.tiers().size() - 1) && concurrency == chartConcurrency) {
                    cell.forEach(
                            m -> chart.add(new ChartSpec.Series(m.target() + " " + m.access(), m.id(), "request")));
                }
            }
            ctx.report().note("Inbox data check, " + tier + " conversations: " + check);
            if (tier == plan.tiers().get(plan.tiers().size() - 1)) {
                ctx.report()
                        .appendix(
                                "Query plan: Chorus inbox first page, user in " + tier + " conversations",
                                Explain.analyze(ctx, chorusSql, Map.of("userId", users.get(0), "fetch", PAGE + 1)));
                ctx.report()
                        .appendix(
                                "Query plan: fan-out-on-read inbox page, user in " + tier + " conversations",
                                Explain.analyze(ctx, baselineSql, Map.of("userId", users.get(0), "limit", PAGE)));
            }
        }
        ctx.report()
                .chart(new ChartSpec(
                        "inbox",
                        "Inbox first page, user in "
                                + plan.tiers().get(plan.tiers().size() - 1) + " conversations, concurrency "
                                + chartConcurrency,
                        chart));
    }

    /**
     * Not reported: query-service's first requests pay for JIT compilation and cold pools. Inbox and
     * history requests of every tier, two workers, for the profile's read warm-up.
     */
    static void warmUp(BenchContext ctx, ReadDataPlan plan) throws InterruptedException {
        ChorusClient client = ctx.client();
        List<Long> users =
                plan.usersByTier().values().stream().flatMap(List::stream).toList();
        List<ReadDataPlan.Conversation> dms = plan.dms();
        ctx.report()
                .method("Read warm-up before the read cells (not reported): "
                        + ctx.profile().readWarmup().toSeconds()
                        + " s of inbox and history requests over HTTP from 2 workers.");
        new dev.chorus.bench.core.ClosedLoop()
                .run(
                        2,
                        java.time.Duration.ZERO,
                        ctx.profile().readWarmup(),
                        worker -> () -> {
                            ThreadLocalRandom r = ThreadLocalRandom.current();
                            if (r.nextBoolean()) {
                                client.inbox(users.get(r.nextInt(users.size())), PAGE);
                            } else {
                                ReadDataPlan.Conversation dm = dms.get(r.nextInt(dms.size()));
                                client.history(dm.createdBy(), dm.conversationId(), null, PAGE);
                            }
                        },
                        new dev.chorus.bench.core.LatencyRecorder());
    }

    private static long pick(List<Long> users) {
        return users.get(ThreadLocalRandom.current().nextInt(users.size()));
    }

    /** The system and the baseline must list the same conversations in the same order for the same user. */
    private static String sameConversations(
            BenchContext ctx, LoadedData data, long user, NamedSql chorusSql, NamedSql baselineSql) throws Exception {
        Map<Integer, UUID> byIndex = new LinkedHashMap<>();
        data.plan().conversations().forEach(c -> byIndex.put(c.index(), c.conversationId()));
        List<UUID> chorus = new ArrayList<>();
        List<UUID> baseline = new ArrayList<>();
        try (Connection c = ctx.readModel().getConnection()) {
            try (PreparedStatement ps = chorusSql.prepare(c)) {
                chorusSql.bind(ps, Map.of("userId", user, "fetch", PAGE));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        chorus.add(rs.getObject("conversation_id", UUID.class));
                    }
                }
            }
            try (PreparedStatement ps = baselineSql.prepare(c)) {
                baselineSql.bind(ps, Map.of("userId", user, "limit", PAGE));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        baseline.add(byIndex.get((int) rs.getLong("id")));
                    }
                }
            }
        }
        if (chorus.size() != baseline.size()) {
            throw new IllegalStateException("The system and the fan-out-on-read baseline disagree on user " + user
                    + "'s first inbox page: " + chorus.size() + " vs " + baseline.size() + " entries");
        }
        if (chorus.equals(baseline)) {
            return "user " + user + ": system and baseline list the same " + chorus.size()
                    + " conversations in the same order";
        }
        return "user " + user + ": " + chorus.size() + " entries each, but the order or the page boundary differs"
                + " (equal last-activity times are ordered differently: the baseline has no tie-breaker)";
    }
}
