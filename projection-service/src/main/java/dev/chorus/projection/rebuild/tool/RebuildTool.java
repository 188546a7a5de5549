package dev.chorus.projection.rebuild.tool;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.chorus.projection.rebuild.PartialRebuildResult;
import dev.chorus.projection.rebuild.RebuildService;
import dev.chorus.projection.rebuild.RebuildStatus;
import dev.chorus.projection.rebuild.verify.Difference;
import dev.chorus.projection.rebuild.verify.TableCount;
import dev.chorus.projection.rebuild.verify.VerificationReport;
import dev.chorus.web.ChorusException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

/**
 * The command-line face of {@link RebuildService}: {@code java -jar projection-service-exec.jar
 * --chorus.tool=rebuild|verify|rebuild-conversation|rebuild-user}. Exit status: 0 done (and, for
 * verify, no differences); 1 differences found or the run failed; 2 wrong usage; 3 not possible now
 * (another run holds the lock, no event store configured, nothing to repair).
 */
public final class RebuildTool {

    public static final int OK = 0;
    public static final int DIFFERENCES_OR_FAILED = 1;
    public static final int USAGE = 2;
    public static final int NOT_NOW = 3;

    static final String USAGE_TEXT =
            """
            Usage: java -jar projection-service-exec.jar --chorus.tool=<tool> [options]
              rebuild                 rebuild every projection from the event store into a fresh schema,
                                      catch up and switch reads over (the old schema is kept as retired_*)
              verify                  recompute the read model from the events and compare; lists every
                                      differing row; exit status 1 if any
              rebuild-conversation    --chorus.tool.conversation-id=<uuid>: repair one conversation in place
              rebuild-user            --chorus.tool.user-id=<id>: repair one user's rows in place
            Options: --chorus.tool.report-file=<path> writes the result as JSON.
            Connections: SPRING_DATASOURCE_URL/_USERNAME/_PASSWORD (read model),
                         EVENT_STORE_URL/_USERNAME/_PASSWORD (event store, read only).
            """;

    /** The options the tool reads (from the command line, the environment or application.yml). */
    public record Options(String tool, String conversationId, String userId, Path reportFile) {}

    private final RebuildService rebuilds;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final ObjectMapper json;

    public RebuildTool(RebuildService rebuilds, PrintStream out, PrintStream err, boolean terminal, ObjectMapper json) {
        this.rebuilds = rebuilds;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    public int run(Options options) {
        try {
            switch (options.tool().trim().toLowerCase(Locale.ROOT)) {
                case "rebuild":
                    return rebuild(options);
                case "verify":
                    return verify(options);
                case "rebuild-conversation":
                    return rebuildConversation(options);
                case "rebuild-user":
                    return rebuildUser(options);
                default:
                    err.println("Unknown tool '" + options.tool() + "'.");
                    err.print(USAGE_TEXT);
                    return USAGE;
            }
        } catch (ChorusException e) {
            err.println("Not possible now: " + e.detail());
            return e instanceof ChorusException.InvalidRequest ? USAGE : NOT_NOW;
        } catch (RuntimeException e) {
            err.println("Failed: " + e.getMessage());
            return DIFFERENCES_OR_FAILED;
        }
    }

    private int rebuild(Options options) {
        RebuildStatus status = withProgress(s -> s.fullRebuild());
        out.println(status.result());
        out.printf(
                Locale.ROOT,
                "Replayed %,d events in %.1f s of replay (%,d events/s); whole run %.1f s; event-store position %d,"
                        + " live projection had applied %d%n",
                status.eventsReplayed(),
                status.phaseSeconds().getOrDefault("REPLAYING", 0.0),
                status.eventsPerSecond(),
                status.elapsedSeconds(),
                status.rebuiltPosition(),
                status.livePosition());
        out.println("Time per phase (s): " + status.phaseSeconds());
        status.details().forEach((name, value) -> out.println("  " + name + ": " + value));
        if (status.rejected() > 0) {
            out.println(status.rejected() + " events were rejected (as the live projection rejects them):");
            status.rejectedSamples().forEach(r -> out.println("  " + r));
        }
        report(options, status);
        return OK;
    }

    private int verify(Options options) {
        VerificationReport report = withProgress(RebuildService::verify);
        for (Difference d : report.differences()) {
            out.println(d.describe());
        }
        for (TableCount t : report.tables()) {
            out.printf(
                    Locale.ROOT,
                    "%-20s live %,d rows, rebuilt %,d rows, only live %d, only rebuilt %d%s%n",
                    t.table(),
                    t.liveRows(),
                    t.rebuiltRows(),
                    t.onlyLive(),
                    t.onlyRebuilt(),
                    t.truncated() ? " (listing truncated)" : "");
        }
        if (report.note() != null) {
            out.println(report.note());
        }
        out.println(
                report.clean()
                        ? "No differences: the live read model equals the recomputation from the events (position "
                                + report.eventStorePosition() + ")."
                        : report.differences().size() + " differing rows.");
        report(options, report);
        return report.clean() ? OK : DIFFERENCES_OR_FAILED;
    }

    private int rebuildConversation(Options options) {
        if (options.conversationId() == null || options.conversationId().isBlank()) {
            err.println("rebuild-conversation needs --chorus.tool.conversation-id=<uuid>");
            return USAGE;
        }
        UUID id;
        try {
            id = UUID.fromString(options.conversationId().trim());
        } catch (IllegalArgumentException e) {
            err.println("Not a conversation id (a UUID): " + options.conversationId());
            return USAGE;
        }
        return partial(options, rebuilds.rebuildConversation(id));
    }

    private int rebuildUser(Options options) {
        long userId;
        try {
            userId = Long.parseLong(
                    options.userId() == null ? "" : options.userId().trim());
        } catch (NumberFormatException e) {
            err.println("rebuild-user needs --chorus.tool.user-id=<positive number>");
            return USAGE;
        }
        return partial(options, rebuilds.rebuildUser(userId));
    }

    private int partial(Options options, PartialRebuildResult result) {
        result.repaired().forEach(d -> out.println("repaired: " + d.describe()));
        out.printf(
                Locale.ROOT,
                "%s %s: %d conversation(s), %d events replayed, %d rows written, %d rows were wrong%n",
                result.operation(),
                result.target(),
                result.conversations(),
                result.eventsReplayed(),
                result.rowsWritten(),
                result.repaired().size());
        report(options, result);
        return OK;
    }

    private <T> T withProgress(Function<RebuildService, T> run) {
        try (ConsoleProgressBar bar = new ConsoleProgressBar(rebuilds::status, err, terminal).start()) {
            return run.apply(rebuilds);
        }
    }

    private void report(Options options, Object result) {
        if (options.reportFile() == null) {
            return;
        }
        try {
            Files.writeString(options.reportFile(), json.writeValueAsString(result));
        } catch (IOException e) {
            err.println("Could not write " + options.reportFile() + ": " + e.getMessage());
        }
    }
}
