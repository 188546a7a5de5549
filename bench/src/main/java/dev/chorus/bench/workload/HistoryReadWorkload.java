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
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * History pages of 50 messages in DMs (the one kind of conversation all three designs can hold): half
 * the requests ask for the newest page, half for an older page before a random seq. Targets:
 * query-service over HTTP, its SQL, seed 000's seek pagination and seed 003's 50-message list; plus
 * seed 003's single-message fetch on its own.
 */
public final class HistoryReadWorkload implements Workload {

    public static final String ID = "read-history";
    public static final String CHORUS = "chorus";
    public static final String SEED000 = "seed 000 seek pagination (§6)";
    public static final String SEED003 = "is_read single table (seed 003), 50-message list";
    public static final String SEED003_SINGLE = "is_read single table (seed 003), single message fetch";
    static final int PAGE = 50;
    private static final OffsetDateTime END_OF_TIME = OffsetDateTime.of(9999, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "history pages: query-service (HTTP and its SQL) vs seed 000 pagination and seed 003 list";
    }

    /** One request's choice: a DM and the seq to page before (null = newest page). */
    private record Pick(ReadDataPlan.Conversation dm, Integer beforeSeq) {}

    private static Pick pick(List<ReadDataPlan.Conversation> dms) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        ReadDataPlan.Conversation dm = dms.get(r.nextInt(dms.size()));
        Integer before = r.nextBoolean() || dm.lastSeq() <= PAGE + 1 ? null : PAGE + 1 + r.nextInt(dm.lastSeq() - PAGE);
        return new Pick(dm, before);
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        LoadedData data = ctx.readData();
        List<ReadDataPlan.Conversation> dms = data.plan().dms();
        NamedSql chorusSql = NamedSql.of(ChorusQueries.HISTORY_NEWEST_FIRST);
        NamedSql seed000 = NamedSql.of(BaselineQueries.SEED000_HISTORY_PAGE);
        NamedSql seed003 = NamedSql.of(BaselineQueries.SEED003_LIST_50);
        NamedSql single = NamedSql.of(BaselineQueries.SEED003_SINGLE_MESSAGE);
        long maxId;
        try (Connection c = ctx.readModel().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT max(id) FROM bench_seed003.messages")) {
            rs.next();
            maxId = rs.getLong(1);
        }
        if (ctx.system().hasHttpApi() && ctx.claimReadWarmUp()) {
            InboxReadWorkload.warmUp(ctx, data.plan());
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("page", "50 msgs, half newest, half older");
        params.put("DMs", dms.size());
        List<ChartSpec.Series> chart = new ArrayList<>();
        int chartConcurrency = ctx.profile().concurrencies().contains(4)
                ? 4
                : ctx.profile().concurrencies().get(0);
        for (int concurrency : ctx.profile().concurrencies()) {
            List<Measurement> cell = new ArrayList<>();
            if (ctx.system().hasHttpApi()) {
                ChorusClient client = ctx.client();
                cell.add(Cells.run(ctx, ID, CHORUS, "HTTP", params, concurrency, Cells.http(() -> {
                    Pick p = pick(dms);
                    return client.history(
                            p.dm().createdBy(),
                            p.dm().conversationId(),
                            p.beforeSeq() == null ? null : p.beforeSeq().longValue(),
                            PAGE);
                })));
            }
            cell.add(Cells.run(ctx, ID, CHORUS, "SQL", params, concurrency, Cells.sql(ctx, chorusSql, r -> {
                Pick p = pick(dms);
                return Map.of(
                        "conversationId",
                        p.dm().conversationId(),
                        "userId",
                        p.dm().createdBy(),
                        "afterSeq",
                        -1L,
                        "beforeSeq",
                        p.beforeSeq() == null ? Long.MAX_VALUE : p.beforeSeq().longValue(),
                        "fetch",
                        PAGE + 1);
            })));
            cell.add(Cells.run(ctx, ID, SEED000, "SQL", params, concurrency, Cells.sql(ctx, seed000, r -> {
                Pick p = pick(dms);
                long before = p.beforeSeq() == null
                        ? Long.MAX_VALUE
                        : data.seed000MessageIds().get(p.dm().index())[p.beforeSeq()];
                return Map.of("conversationId", (long) p.dm().index(), "beforeId", before, "limit", PAGE);
            })));
            cell.add(Cells.run(ctx, ID, SEED003, "SQL", params, concurrency, Cells.sql(ctx, seed003, r -> {
                Pick p = pick(dms);
                OffsetDateTime before = p.beforeSeq() == null
                        ? END_OF_TIME
                        : p.dm().sentAt(p.beforeSeq()).atOffset(ZoneOffset.UTC);
                return Map.of("userA", (int) p.dm().createdBy(), "userB", (int) p.dm().partner(), "before", before);
            })));
            Map<String, Object> singleParams = new LinkedHashMap<>();
            singleParams.put("page", "one message by id");
            cell.add(Cells.run(
                    ctx,
                    ID,
                    SEED003_SINGLE,
                    "SQL",
                    singleParams,
                    concurrency,
                    Cells.sql(ctx, single, r -> Map.of("id", (int) (1 + r.nextLong(maxId))))));
            if (concurrency == chartConcurrency) {
                cell.forEach(m -> chart.add(new ChartSpec.Series(m.target() + " " + m.access(), m.id(), "request")));
            }
        }
        ctx.report()
                .chart(new ChartSpec("history", "History page of 50 in a DM, concurrency " + chartConcurrency, chart));
    }
}
