package dev.chorus.bench.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL with {@code :name} parameters (the form query-service's JdbcClient statements use) turned into
 * a JDBC statement with {@code ?} placeholders, so the bench can run the very same text. {@code ::type}
 * casts are left alone.
 */
public record NamedSql(String named, String jdbc, List<String> parameterOrder) {

    private static final Pattern PARAMETER = Pattern.compile("(?<![:\\w]):([A-Za-z][A-Za-z0-9_]*)");

    public static NamedSql of(String named) {
        Matcher m = PARAMETER.matcher(named);
        StringBuilder jdbc = new StringBuilder();
        List<String> order = new ArrayList<>();
        while (m.find()) {
            order.add(m.group(1));
            m.appendReplacement(jdbc, "?");
        }
        m.appendTail(jdbc);
        return new NamedSql(named, jdbc.toString(), List.copyOf(order));
    }

    public PreparedStatement prepare(Connection c) throws SQLException {
        return c.prepareStatement(jdbc);
    }

    /** Binds every placeholder from {@code values} by name. */
    public void bind(PreparedStatement ps, Map<String, Object> values) throws SQLException {
        for (int i = 0; i < parameterOrder.size(); i++) {
            String name = parameterOrder.get(i);
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("No value for :" + name);
            }
            ps.setObject(i + 1, values.get(name));
        }
    }
}
