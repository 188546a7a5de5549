package dev.chorus.command;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** The write side: HTTP commands, Axon aggregates, the JDBC event store and the relay to Kafka. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CommandServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(CommandServiceApplication.class, args);
    }

    /** Command handlers take the time from here, so fixture tests can fix it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
