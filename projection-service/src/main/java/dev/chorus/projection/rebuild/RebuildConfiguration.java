package dev.chorus.projection.rebuild;

import dev.chorus.projection.config.ProjectionProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Optional;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RebuildConfiguration {

    @Bean(destroyMethod = "close")
    RebuildDatabase rebuildDatabase(DataSourceProperties readModel) {
        return new RebuildDatabase(readModel);
    }

    @Bean
    RebuildMetrics rebuildMetrics(MeterRegistry registry) {
        return new RebuildMetrics(registry);
    }

    @Bean(destroyMethod = "close")
    RebuildService rebuildService(
            RebuildDatabase db, RebuildProperties properties, ProjectionProperties projection, RebuildMetrics metrics) {
        Optional<EventStore> store = properties.eventStore().configured()
                ? Optional.of(new EventStore(properties.eventStore()))
                : Optional.empty();
        return new RebuildService(store, db, properties, projection.largeGroupThreshold(), metrics, Clock.systemUTC());
    }
}
