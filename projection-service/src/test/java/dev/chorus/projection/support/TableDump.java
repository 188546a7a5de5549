package dev.chorus.projection.support;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every column of every read-model row, in key order, as text: equal dumps mean identical tables. */
public final class TableDump {

    private static final Map<String, String> TABLES_AND_KEYS = new LinkedHashMap<>();

    static {
        TABLES_AND_KEYS.put("conversation", "conversation_id");
        TABLES_AND_KEYS.put("conversation_member", "conversation_id, user_id");
        TABLES_AND_KEYS.put("message", "conversation_id, seq");
        TABLES_AND_KEYS.put("hidden_message", "user_id, conversation_id, seq");
        TABLES_AND_KEYS.put("user_inbox", "user_id, conversation_id");
    }

    private final JdbcTemplate jdbc;

    TableDump(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** All rows of all tables in the default schema. */
    public List<String> all() {
        return dump("", null);
    }

    /** The rows of these conversations in {@code schema} ("" for the default one). */
    public List<String> ofConversations(String schema, Collection<UUID> conversationIds) {
        return dump(schema.isEmpty() ? "" : schema + ".", conversationIds);
    }

    private List<String> dump(String prefix, Collection<UUID> conversationIds) {
        List<String> lines = new ArrayList<>();
        TABLES_AND_KEYS.forEach((table, key) -> {
            String where = conversationIds == null
                    ? ""
                    : " WHERE conversation_id IN ("
                            + String.join(
                                    ",",
                                    conversationIds.stream()
                                            .map(id -> "'" + id + "'")
                                            .toList())
                            + ")";
            lines.addAll(jdbc.query(
                    "SELECT * FROM " + prefix + table + where + " ORDER BY " + key, (rs, i) -> line(table, rs)));
        });
        return lines;
    }

    private static String line(String table, ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        StringBuilder b = new StringBuilder(table);
        for (int c = 1; c <= meta.getColumnCount(); c++) {
            b.append(" | ").append(meta.getColumnName(c)).append('=').append(rs.getString(c));
        }
        return b.toString();
    }
}
