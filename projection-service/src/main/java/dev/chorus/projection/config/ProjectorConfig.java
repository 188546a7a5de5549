package dev.chorus.projection.config;

import dev.chorus.projection.readmodel.ProjectionMetrics;
import dev.chorus.projection.readmodel.Projector;
import dev.chorus.projection.readmodel.ProjectorSettings;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class ProjectorConfig {

    @Bean
    ProjectionMetrics projectionMetrics(MeterRegistry registry) {
        return new ProjectionMetrics(registry);
    }

    /** The live projector: the connection's default schema (Flyway migrates it at start-up). */
    @Bean
    Projector projector(
            NamedParameterJdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            ProjectionMetrics metrics,
            ProjectionProperties properties) {
        return new Projector(
                jdbc,
                new TransactionTemplate(transactions),
                metrics,
                ProjectorSettings.defaultSchema(properties.largeGroupThreshold()));
    }
}
