package dev.chorus.projection;

import dev.chorus.projection.rebuild.tool.ToolMode;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/** Consumes conversation events from Kafka and keeps the read model in PostgreSQL. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ProjectionServiceApplication {

    public static void main(String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(ProjectionServiceApplication.class, args);
        if (ToolMode.active(context.getEnvironment())) {
            // --chorus.tool=...: the command-line tool ran (ToolRunner); exit with its status.
            System.exit(SpringApplication.exit(context));
        }
    }
}
