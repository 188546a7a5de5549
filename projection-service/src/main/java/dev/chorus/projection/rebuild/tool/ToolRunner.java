package dev.chorus.projection.rebuild.tool;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.projection.rebuild.RebuildService;
import java.nio.file.Path;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Runs the tool named by {@code --chorus.tool} once the context is up; main() then exits with its status. */
@Component
@ConditionalOnProperty(ToolMode.PROPERTY)
class ToolRunner implements ApplicationRunner, ExitCodeGenerator {

    private final RebuildService rebuilds;
    private final Environment environment;
    private final ObjectMapper json;
    private volatile int exitCode = RebuildTool.DIFFERENCES_OR_FAILED;

    ToolRunner(RebuildService rebuilds, Environment environment, ObjectMapper json) {
        this.rebuilds = rebuilds;
        this.environment = environment;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) {
        String report = environment.getProperty("chorus.tool.report-file");
        RebuildTool.Options options = new RebuildTool.Options(
                environment.getProperty(ToolMode.PROPERTY),
                environment.getProperty("chorus.tool.conversation-id"),
                environment.getProperty("chorus.tool.user-id"),
                report == null || report.isBlank() ? null : Path.of(report));
        exitCode = new RebuildTool(rebuilds, System.out, System.err, System.console() != null, json).run(options);
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
