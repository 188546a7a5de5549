package dev.chorus.projection.rebuild;

import dev.chorus.web.ProblemAccessDeniedHandler;
import dev.chorus.web.ProblemAuthenticationEntryPoint;
import java.util.Collection;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@code /admin/**} needs a bearer token (web-support's HS256 decoder, {@code CHAT_JWT_SECRET}) of
 * an admin (see {@link RebuildProperties.Admin}): 401 without a valid token, 403 for other users,
 * both as problem+json. The rest of this service is actuator and API docs, open as everywhere.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class AdminSecurityConfiguration {

    static final String ADMIN = "CHORUS_ADMIN";

    @Bean
    SecurityFilterChain adminSecurityFilterChain(
            HttpSecurity http,
            RebuildProperties properties,
            ProblemAuthenticationEntryPoint entryPoint,
            ProblemAccessDeniedHandler accessDenied)
            throws Exception {
        return http.securityMatcher("/admin/**")
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a.anyRequest().hasAuthority(ADMIN))
                .oauth2ResourceServer(o -> o.jwt(jwt -> jwt.jwtAuthenticationConverter(
                                token -> new JwtAuthenticationToken(token, authorities(token, properties.admin()))))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDenied))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied))
                .build();
    }

    static Collection<GrantedAuthority> authorities(Jwt token, RebuildProperties.Admin admin) {
        return isAdmin(token, admin) ? List.of(new SimpleGrantedAuthority(ADMIN)) : List.of();
    }

    static boolean isAdmin(Jwt token, RebuildProperties.Admin admin) {
        try {
            if (admin.userIds().contains(Long.parseLong(token.getSubject()))) {
                return true;
            }
        } catch (NumberFormatException e) {
            return false;
        }
        return claimContains(token.getClaim("roles"), admin.role())
                || claimContains(token.getClaim("scope"), admin.scope())
                || claimContains(token.getClaim("scp"), admin.scope());
    }

    /** A claim holding a list of strings, or one space-separated string (as OAuth scopes are). */
    private static boolean claimContains(Object claim, String wanted) {
        if (claim instanceof Collection<?> values) {
            return values.stream().anyMatch(v -> wanted.equals(String.valueOf(v)));
        }
        if (claim instanceof String text) {
            return List.of(text.trim().split("\\s+")).contains(wanted);
        }
        return false;
    }
}
