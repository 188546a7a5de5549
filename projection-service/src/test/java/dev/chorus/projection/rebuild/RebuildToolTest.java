package dev.chorus.projection.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.projection.rebuild.tool.ConsoleProgressBar;
import dev.chorus.projection.rebuild.tool.RebuildTool;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/** The command-line tool's output and exit status (the same code main() runs with --chorus.tool). */
class RebuildToolTest extends RebuildTestBase {

    @Autowired
    ObjectMapper json;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void verifyPrintsEveryDifferingRowAndFailsThenRepairsAndPasses() throws Exception {
        storeAndPublish(new RandomWorkload(11, 700, 12).next(300));
        awaitProjected();
        Map<String, Object> row = sql.sql("SELECT user_id, conversation_id FROM user_inbox ORDER BY user_id LIMIT 1")
                .query()
                .singleRow();
        jdbc.getJdbcTemplate()
                .update(
                        "UPDATE user_inbox SET unread_count = 99 WHERE user_id = ? AND conversation_id = ?",
                        row.get("user_id"),
                        row.get("conversation_id"));
        Path report = dir.resolve("verify.json");

        int status = tool("verify", null, null, report);

        assertThat(status).isEqualTo(RebuildTool.DIFFERENCES_OR_FAILED);
        assertThat(out())
                .contains("user_inbox {conversation_id=" + row.get("conversation_id") + ", user_id="
                        + row.get("user_id") + "} CHANGED unread_count: live=99 rebuilt=")
                .contains("1 differing rows.");
        JsonNode written = json.readTree(report.toFile());
        assertThat(written.path("clean").asBoolean()).isFalse();
        assertThat(written.path("differences")
                        .get(0)
                        .path("live")
                        .path("unread_count")
                        .asInt())
                .isEqualTo(99);

        assertThat(tool("rebuild-user", null, row.get("user_id").toString(), null))
                .isEqualTo(RebuildTool.OK);
        assertThat(out()).contains("1 rows were wrong");
        assertThat(tool("verify", null, null, null)).isEqualTo(RebuildTool.OK);
        assertThat(out()).contains("No differences");
    }

    @Test
    void rebuildPrintsWhatItDid() {
        storeAndPublish(new RandomWorkload(12, 800, 12).next(200));
        awaitProjected();

        assertThat(tool("rebuild", null, null, null)).isEqualTo(RebuildTool.OK);

        assertThat(out()).contains("is now public").contains("Replayed").contains("Time per phase");
        assertThat(err()).as("the progress bar").contains("events").contains("ev/s");
    }

    @Test
    void wrongUsageAndBusyHaveTheirOwnExitStatus() {
        assertThat(tool("rebuild-conversation", "not-a-uuid", null, null)).isEqualTo(RebuildTool.USAGE);
        assertThat(tool("rebuild-user", null, "x", null)).isEqualTo(RebuildTool.USAGE);
        assertThat(tool("rebuild-user", null, "-3", null)).isEqualTo(RebuildTool.USAGE);
        assertThat(tool("frobnicate", null, null, null)).isEqualTo(RebuildTool.USAGE);
        assertThat(err()).contains("Usage:");
        assertThat(tool("rebuild-conversation", UUID.randomUUID().toString(), null, null))
                .as("nothing to repair")
                .isEqualTo(RebuildTool.NOT_NOW);
        try (RebuildLock elsewhere = RebuildLock.tryAcquire(rebuildDatabase).orElseThrow()) {
            assertThat(tool("rebuild", null, null, null)).isEqualTo(RebuildTool.NOT_NOW);
            assertThat(err()).contains("only one runs at a time");
        }
    }

    @Test
    void theProgressLineShowsCountRateAndTimeLeft() {
        RebuildStatus status = new RebuildStatus(
                Operation.FULL_REBUILD,
                null,
                "RUNNING",
                Phase.REPLAYING,
                Instant.now(),
                null,
                65,
                1_000_000,
                480_000,
                48.0,
                9_812,
                53L,
                "rebuild_x",
                null,
                0,
                0,
                0,
                List.of(),
                Map.of(),
                Map.of(),
                null,
                null);

        assertThat(ConsoleProgressBar.render(status))
                .isEqualTo("[replaying] [##############----------------]  48%  480,000/1,000,000 events  9,812 ev/s"
                        + "  ETA 0:53  elapsed 1:05");
    }

    private int tool(String name, String conversation, String user, Path report) {
        out.reset();
        err.reset();
        return new RebuildTool(
                        rebuilds,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        false,
                        json)
                .run(new RebuildTool.Options(name, conversation, user, report));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
