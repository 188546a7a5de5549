package dev.chorus.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class ChorusSecurityPropertiesTest {

    @Configuration
    @EnableConfigurationProperties(ChorusSecurityProperties.class)
    static class Config {}

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class);

    @Test
    void startUpFailsWithoutASecret() {
        runner.run(context -> assertThat(context.getStartupFailure())
                .isNotNull()
                .rootCause()
                .hasMessageContaining("CHAT_JWT_SECRET"));
    }

    @Test
    void startUpFailsWithAShortSecret() {
        runner.withPropertyValues("chorus.security.jwt-secret=too-short")
                .run(context -> assertThat(context.getStartupFailure())
                        .isNotNull()
                        .rootCause()
                        .hasMessageContaining("at least 32 bytes"));
    }

    @Test
    void aLongEnoughSecretBinds() {
        runner.withPropertyValues("chorus.security.jwt-secret=" + "x".repeat(32))
                .run(context -> assertThat(
                                context.getBean(ChorusSecurityProperties.class).jwtSecretBytes())
                        .hasSize(32));
    }
}
