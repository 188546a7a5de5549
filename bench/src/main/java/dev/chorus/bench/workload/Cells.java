package dev.chorus.bench.workload;

import dev.chorus.bench.core.ClosedLoop;
import dev.chorus.bench.core.LatencyRecorder;
import dev.chorus.bench.core.Progress;
import dev.chorus.bench.report.Measurement;
import dev.chorus.bench.sql.NamedSql;
import dev.chorus.bench.system.PrometheusScrape;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/** One closed-loop cell of a read workload: a target at one concurrency, measured and reported. */
final class Cells {

    private Cells() {}

    static Measurement run(
            BenchContext ctx,
            String workload,
            String target,
            String access,
            Map<String, Object> params,
            int concurrency,
            ClosedLoop.OperationFactory factory)
            throws InterruptedException {
        LatencyRecorder latency = new LatencyRecorder();
        ClosedLoop loop = new ClosedLoop();
        boolean http = "HTTP".equals(access) && ctx.system().queryUrl() != null;
        PrometheusScrape before = http ? PrometheusScrape.of(ctx.system().queryUrl()) : null;
        String label = workload + " " + params + " c=" + concurrency + " " + target + " (" + access + ")";
        ClosedLoop.Result result;
        try (Progress progress = Progress.start(label, () -> {
            var interval = latency.drainInterval();
            return String.format(
                    "ok %d  errors %d  last-interval p50 %.2f ms p99 %.2f ms",
                    loop.okSoFar(),
                    loop.errorsSoFar(),
                    interval.getValueAtPercentile(50) / 1000.0,
                    interval.getValueAtPercentile(99) / 1000.0);
        })) {
            result = loop.run(
                    concurrency, ctx.profile().cellWarmup(), ctx.profile().cellMeasure(), factory, latency);
        }
        Measurement.Builder m = Measurement.builder(workload, target, access);
        params.forEach(m::param);
        m.param("concurrency", concurrency)
                .latency("request", latency.stats())
                .rate("requests/s", result.perSecond())
                .count("requests", result.ok())
                .count("errors", result.errors());
        if (http) {
            // The service's own view of the same requests (warm-up included): separates time spent inside
            // query-service from transport and client time.
            PrometheusScrape after = PrometheusScrape.of(ctx.system().queryUrl());
            double count = after.since(before, "http_server_requests_seconds_count");
            if (count > 0) {
                m.rate("server-side mean ms", 1000 * after.since(before, "http_server_requests_seconds_sum") / count);
            }
        }
        if (result.firstError() != null) {
            m.note("first error: " + result.firstError());
        }
        return ctx.report().add(m.build());
    }

    /** Each worker: its own connection and prepared statement; {@code binder} picks the next parameters. */
    static ClosedLoop.OperationFactory sql(
            BenchContext ctx, NamedSql sql, Function<ThreadLocalRandom, Map<String, Object>> parameters) {
        return sql(ctx.readModel(), sql, parameters);
    }

    static ClosedLoop.OperationFactory sql(
            javax.sql.DataSource pool, NamedSql sql, Function<ThreadLocalRandom, Map<String, Object>> parameters) {
        return worker -> {
            Connection c = pool.getConnection();
            PreparedStatement ps = sql.prepare(c);
            return new ClosedLoop.Operation() {
                @Override
                public void call() throws Exception {
                    sql.bind(ps, parameters.apply(ThreadLocalRandom.current()));
                    try (ResultSet rs = ps.executeQuery()) {
                        int columns = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            // Read every column, as a service mapping rows would.
                            for (int i = 1; i <= columns; i++) {
                                rs.getObject(i);
                            }
                        }
                    }
                }

                @Override
                public void close() throws Exception {
                    ps.close();
                    c.close();
                }
            };
        };
    }

    /** Each worker calls {@code request} and fails on anything but 200. */
    static ClosedLoop.OperationFactory http(Supplier<HttpResponse<byte[]>> request) {
        return worker -> () -> {
            HttpResponse<byte[]> response = request.get();
            if (response.statusCode() != 200) {
                throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode() + ": "
                        + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
            }
        };
    }
}
