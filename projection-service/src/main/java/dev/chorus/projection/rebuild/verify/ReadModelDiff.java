package dev.chorus.projection.rebuild.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Compares the read-model tables of two schemas with {@code EXCEPT} in both directions (every
 * stored column, generated ones aside; primary keys pair the rows up), in one snapshot.
 */
public final class ReadModelDiff {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Which rows to compare: all, or those with {@code column = value} (in tables that have the column). */
    public record Scope(String column, Object value) {
        public static final Scope ALL = new Scope(null, null);

        public static Scope of(String column, Object value) {
            return new Scope(checked(column), value);
        }

        boolean appliesTo(TableShape table) {
            return column == null || table.columns().contains(column);
        }

        String where() {
            return column == null ? "" : " WHERE " + column + " = ?";
        }

        Object[] args() {
            return column == null ? new Object[0] : new Object[] {value};
        }
    }

    /** A table's stored columns in order, and its primary key. */
    public record TableShape(String name, List<String> columns, List<String> key) {}

    /** Differences and counts. */
    public record Result(List<Difference> differences, List<TableCount> tables) {
        public boolean clean() {
            return differences.isEmpty();
        }
    }

    private final JdbcTemplate jdbc;
    private final int maxPerTable;

    public ReadModelDiff(JdbcTemplate jdbc, int maxPerTable) {
        this.jdbc = jdbc;
        this.maxPerTable = maxPerTable;
    }

    /** The read-model tables of {@code schema} (Flyway's history aside). */
    public List<TableShape> tables(String schema) {
        List<String> names = jdbc.queryForList(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = ? AND c.relkind = 'r' AND c.relname <> 'flyway_schema_history'"
                        + " ORDER BY c.relname",
                String.class,
                schema);
        List<TableShape> shapes = new ArrayList<>();
        for (String table : names) {
            List<String> columns = jdbc.queryForList(
                    "SELECT a.attname FROM pg_attribute a"
                            + " WHERE a.attrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass"
                            + " AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''"
                            + " ORDER BY a.attnum",
                    String.class,
                    schema,
                    table);
            List<String> key = jdbc.queryForList(
                    "SELECT a.attname FROM pg_index i"
                            + " JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) ON true"
                            + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
                            + " WHERE i.indrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass"
                            + " AND i.indisprimary AND k.ord <= i.indnkeyatts ORDER BY k.ord",
                    String.class,
                    schema,
                    table);
            shapes.add(new TableShape(table, columns, key));
        }
        return shapes;
    }

    /**
     * Compares {@code live} with {@code rebuilt}; call it inside a REPEATABLE READ transaction to see
     * both sides in one snapshot.
     */
    public Result compare(String live, String rebuilt, Scope scope) {
        checked(live);
        checked(rebuilt);
        List<TableShape> liveTables = tables(live);
        List<String> rebuiltTables =
                tables(rebuilt).stream().map(TableShape::name).toList();
        List<Difference> differences = new ArrayList<>();
        List<TableCount> counts = new ArrayList<>();
        for (TableShape table : liveTables) {
            if (!scope.appliesTo(table)) {
                continue;
            }
            if (!rebuiltTables.contains(table.name())) {
                throw new IllegalStateException("Schema " + rebuilt + " has no table " + table.name());
            }
            List<Map<String, Object>> onlyLive = except(table, live, rebuilt, scope);
            List<Map<String, Object>> onlyRebuilt = except(table, rebuilt, live, scope);
            differences.addAll(pair(table, onlyLive, onlyRebuilt));
            counts.add(new TableCount(
                    table.name(),
                    count(live, table, scope),
                    count(rebuilt, table, scope),
                    onlyLive.size(),
                    onlyRebuilt.size(),
                    onlyLive.size() >= maxPerTable || onlyRebuilt.size() >= maxPerTable));
        }
        // A stable order, so two looks at the same differences compare equal (EXCEPT has no order).
        differences.sort(Comparator.comparing(Difference::table)
                .thenComparing(d -> d.key().toString())
                .thenComparing(d -> d.kind()));
        return new Result(List.copyOf(differences), counts);
    }

    private List<Map<String, Object>> except(TableShape table, String from, String minus, Scope scope) {
        String columns = String.join(", ", table.columns());
        String sql = "SELECT to_jsonb(d)::text FROM (SELECT " + columns + " FROM " + from + "." + table.name()
                + scope.where() + " EXCEPT SELECT " + columns + " FROM " + minus + "." + table.name()
                + scope.where() + " LIMIT " + maxPerTable + ") d";
        Object[] args = scope.column == null ? new Object[0] : new Object[] {scope.value, scope.value};
        return jdbc.query(sql, (rs, i) -> row(table, rs.getString(1)), args);
    }

    private long count(String schema, TableShape table, Scope scope) {
        Long n = jdbc.queryForObject(
                "SELECT count(*) FROM " + schema + "." + table.name() + scope.where(), Long.class, scope.args());
        return n == null ? 0 : n;
    }

    /** Rows with the same key on both sides are one CHANGED difference. */
    private static List<Difference> pair(
            TableShape table, List<Map<String, Object>> onlyLive, List<Map<String, Object>> onlyRebuilt) {
        Map<Map<String, Object>, Map<String, Object>> rebuiltByKey = new LinkedHashMap<>();
        onlyRebuilt.forEach(r -> rebuiltByKey.put(key(table, r), r));
        List<Difference> out = new ArrayList<>();
        for (Map<String, Object> liveRow : onlyLive) {
            Map<String, Object> key = key(table, liveRow);
            Map<String, Object> rebuiltRow = rebuiltByKey.remove(key);
            if (rebuiltRow == null) {
                out.add(new Difference(table.name(), Difference.Kind.EXTRA, key, liveRow, null, List.of()));
            } else {
                List<String> changed = table.columns().stream()
                        .filter(c -> !Objects.equals(liveRow.get(c), rebuiltRow.get(c)))
                        .toList();
                out.add(new Difference(table.name(), Difference.Kind.CHANGED, key, liveRow, rebuiltRow, changed));
            }
        }
        rebuiltByKey.forEach((key, row) ->
                out.add(new Difference(table.name(), Difference.Kind.MISSING, key, null, row, List.of())));
        return out;
    }

    private static Map<String, Object> key(TableShape table, Map<String, Object> row) {
        Map<String, Object> key = new LinkedHashMap<>();
        table.key().forEach(k -> key.put(k, row.get(k)));
        return key;
    }

    /** The row's columns in table order; values as JSON scalars (jsonb columns as their JSON text). */
    private static Map<String, Object> row(TableShape table, String json) {
        try {
            JsonNode node = JSON.readTree(json);
            Map<String, Object> row = new LinkedHashMap<>();
            for (String column : table.columns()) {
                JsonNode value = node.get(column);
                row.put(
                        column,
                        value == null || value.isNull()
                                ? null
                                : value.isValueNode() ? scalar(value) : value.toString());
            }
            return row;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable row of " + table.name() + ": " + json, e);
        }
    }

    private static Object scalar(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        return value.asText();
    }

    private static String checked(String identifier) {
        if (!IDENTIFIER.matcher(identifier).matches()) {
            throw new IllegalArgumentException("Not a plain lower-case identifier: " + identifier);
        }
        return identifier;
    }
}
