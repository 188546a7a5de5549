package dev.chorus.bench.workload;

import dev.chorus.bench.sql.NamedSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EXPLAIN (ANALYZE, BUFFERS) of one execution, for the report's appendix: why a figure is what it is.
 * Both the custom plan (parameters known at planning) and the generic plan, which PostgreSQL switches a
 * prepared statement to after five executions when it looks no dearer (pgjdbc prepares server-side
 * from the fifth execution by default, so a long-running service mostly runs the generic plan).
 */
final class Explain {

    private static final Pattern PARAMETER = Pattern.compile("(?<![:\\w]):([A-Za-z][A-Za-z0-9_]*)");

    private Explain() {}

    static String analyze(BenchContext ctx, NamedSql sql, Map<String, Object> values) {
        StringBuilder plan = new StringBuilder("-- custom plan (parameter values known when planning)\n");
        NamedSql explain = NamedSql.of("EXPLAIN (ANALYZE, BUFFERS) " + sql.named());
        try (Connection c = ctx.readModel().getConnection();
                PreparedStatement ps = explain.prepare(c)) {
            explain.bind(ps, values);
            lines(ps, plan);
        } catch (Exception e) {
            plan.append("EXPLAIN failed: ").append(e).append('\n');
        }
        plan.append("\n-- generic plan (plan_cache_mode = force_generic_plan)\n");
        try (Connection c = ctx.readModel().getConnection()) {
            Map<String, Integer> numbers = new LinkedHashMap<>();
            Matcher m = PARAMETER.matcher(sql.named());
            StringBuilder dollar = new StringBuilder();
            while (m.find()) {
                int n = numbers.computeIfAbsent(m.group(1), k -> numbers.size() + 1);
                m.appendReplacement(dollar, "\\$" + n);
            }
            m.appendTail(dollar);
            try (Statement s = c.createStatement()) {
                s.execute("SET plan_cache_mode = force_generic_plan");
                s.execute("PREPARE bench_explain AS " + dollar);
            }
            // A utility statement takes no bind parameters: the values go in as literals (numbers and ids only).
            List<String> literals = new ArrayList<>();
            for (String name : numbers.keySet()) {
                Object v = values.get(name);
                literals.add(
                        v instanceof Number ? v.toString() : "'" + v.toString().replace("'", "''") + "'");
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "EXPLAIN (ANALYZE, BUFFERS) EXECUTE bench_explain(" + String.join(", ", literals) + ")")) {
                lines(ps, plan);
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("DEALLOCATE bench_explain");
                    s.execute("RESET plan_cache_mode");
                }
            }
        } catch (Exception e) {
            plan.append("EXPLAIN of the generic plan failed: ").append(e).append('\n');
        }
        return plan.toString();
    }

    private static void lines(PreparedStatement ps, StringBuilder out) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.append(rs.getString(1)).append('\n');
            }
        }
    }
}
