package dev.chorus.projection.rebuild.tool;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code --chorus.tool=...} turns the service jar into the command-line tool: no web server, no
 * Kafka listener, no migration of the live schema, quiet logs (the tool prints its own progress),
 * pages of 50,000 events.
 * These are defaults: anything given on the command line or in the environment still wins.
 */
public class ToolMode implements EnvironmentPostProcessor {

    public static final String PROPERTY = "chorus.tool";

    public static boolean active(Environment environment) {
        String tool = environment.getProperty(PROPERTY);
        return tool != null && !tool.isBlank();
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!active(environment)) {
            return;
        }
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("spring.main.web-application-type", "none");
        defaults.put("spring.main.banner-mode", "off");
        defaults.put("spring.flyway.enabled", "false");
        defaults.put("spring.kafka.listener.auto-startup", "false");
        defaults.put("spring.kafka.admin.auto-create", "false");
        defaults.put("spring.jmx.enabled", "false");
        defaults.put("logging.level.root", "WARN");
        // The tool has its JVM to itself: larger pages, fewer statements per event.
        defaults.put("chorus.rebuild.page-size", "50000");
        environment.getPropertySources().addLast(new MapPropertySource("chorusToolDefaults", defaults));
    }
}
