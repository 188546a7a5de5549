package dev.chorus.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What every Chorus HTTP service shares: bearer-JWT authentication (HS256, {@code sub} = user id),
 * stateless; {@code /api/**} needs a token, health/info/metrics and the API docs do not; errors as
 * problem+json; {@link CurrentUser} controller parameters; the OpenAPI bearer scheme.
 */
@AutoConfiguration(
        before = {
            SecurityAutoConfiguration.class,
            UserDetailsServiceAutoConfiguration.class,
            OAuth2ResourceServerAutoConfiguration.class,
            ErrorMvcAutoConfiguration.class
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ChorusSecurityProperties.class)
@EnableWebSecurity
public class WebSupportAutoConfiguration {

    /** Reachable without a token. */
    public static final String[] PUBLIC_PATHS = {
        "/actuator/health",
        "/actuator/health/**",
        "/actuator/info",
        "/actuator/prometheus",
        "/v3/api-docs",
        "/v3/api-docs/**",
        "/swagger-ui/**",
        "/swagger-ui.html",
        "/error"
    };

    @Bean
    @ConditionalOnMissingBean
    public JwtDecoder chorusJwtDecoder(ChorusSecurityProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(
                        new SecretKeySpec(properties.jwtSecretBytes(), "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefault(),
                // Tokens without an expiry would be valid forever.
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull),
                new SubjectIsUserIdValidator()));
        return decoder;
    }

    @Bean
    public ProblemResponses chorusProblemResponses(ObjectMapper objectMapper) {
        return new ProblemResponses(objectMapper);
    }

    @Bean
    public ProblemAuthenticationEntryPoint chorusAuthenticationEntryPoint(ProblemResponses problems) {
        return new ProblemAuthenticationEntryPoint(problems);
    }

    @Bean
    public ProblemAccessDeniedHandler chorusAccessDeniedHandler(ProblemResponses problems) {
        return new ProblemAccessDeniedHandler(problems);
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    public SecurityFilterChain chorusSecurityFilterChain(
            HttpSecurity http, ProblemAuthenticationEntryPoint entryPoint, ProblemAccessDeniedHandler accessDenied)
            throws Exception {
        return http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a.requestMatchers(PUBLIC_PATHS)
                        .permitAll()
                        .requestMatchers("/api/**")
                        .authenticated()
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(o ->
                        o.jwt(jwt -> {}).authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied))
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    public ProblemDetailsAdvice chorusProblemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    @Bean
    public WebMvcConfigurer chorusCurrentUserResolver() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CurrentUserArgumentResolver());
            }
        };
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({OpenAPI.class, SpringDocUtils.class})
    static class OpenApiConfiguration {

        static final String BEARER_SCHEME = "bearer-jwt";

        static {
            // CurrentUser comes from the token, not from the request: keep it out of the API docs.
            SpringDocUtils.getConfig().addRequestWrapperToIgnore(CurrentUser.class);
        }

        @Bean
        @ConditionalOnMissingBean
        OpenAPI chorusOpenApi(@Value("${spring.application.name:chorus}") String applicationName) {
            return new OpenAPI()
                    .info(new Info().title(applicationName).version("v1"))
                    .components(new Components()
                            .addSecuritySchemes(
                                    BEARER_SCHEME,
                                    new SecurityScheme()
                                            .type(SecurityScheme.Type.HTTP)
                                            .scheme("bearer")
                                            .bearerFormat("JWT")
                                            .description("HS256 JWT; sub = your user id")))
                    .addSecurityItem(new SecurityRequirement().addList(BEARER_SCHEME));
        }
    }
}
