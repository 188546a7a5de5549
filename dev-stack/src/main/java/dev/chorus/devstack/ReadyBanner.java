package dev.chorus.devstack;

import dev.chorus.devstack.DemoUsers.DemoUser;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the launcher prints once every service is ready: where things are, a token per demo user and one
 * curl line that works as pasted. A pure function of {@link Model}, so its format is tested without a stack.
 */
public final class ReadyBanner {

    /** Everything the banner shows. */
    public record Model(
            Map<ChorusService, URI> baseUrls,
            Map<DemoUser, String> tokens,
            String postgresJdbcUrlPrefix,
            String kafkaBootstrapServers,
            Path dataDir,
            Path logsDir,
            Duration startupTime,
            DemoSeeder.Summary seeded) {}

    private ReadyBanner() {}

    public static Model modelOf(LocalStack stack, DemoSeeder.Summary seeded) {
        Map<ChorusService, URI> urls = new LinkedHashMap<>();
        for (ChorusService service : ChorusService.values()) {
            urls.put(service, stack.baseUrl(service));
        }
        TokenMinter minter = stack.tokens();
        Map<DemoUser, String> tokens = new LinkedHashMap<>();
        for (DemoUser user : DemoUsers.WITH_PRINTED_TOKEN) {
            tokens.put(user, minter.mint(user.id()));
        }
        String jdbc = stack.jdbcUrl(LocalStack.EVENTS_DATABASE);
        return new Model(
                urls,
                tokens,
                jdbc.substring(0, jdbc.lastIndexOf('/') + 1),
                stack.kafkaBootstrapServers(),
                stack.dataDir(),
                stack.logsDir(),
                sinceProcessStart(stack),
                seeded);
    }

    /** What the user waited for: from the launcher's own start (JVM included), not only LocalStack.start. */
    private static Duration sinceProcessStart(LocalStack stack) {
        return ProcessHandle.current()
                .info()
                .startInstant()
                .map(started -> Duration.between(started, stack.readyAt()))
                .orElse(stack.startupTime());
    }

    /** The line a user can paste: the first demo user's inbox from query-service. */
    public static String curlLine(Model model) {
        String token = model.tokens().values().iterator().next();
        return "curl -s -H 'Authorization: Bearer " + token + "' "
                + model.baseUrls().get(ChorusService.QUERY).resolve("/api/inbox");
    }

    public static String render(Model model) {
        String nl = System.lineSeparator();
        StringBuilder out = new StringBuilder();
        out.append(nl)
                .append(String.format(
                        Locale.ROOT,
                        "Chorus is running (ready in %.1f s).",
                        model.startupTime().toMillis() / 1000.0))
                .append(nl)
                .append(nl);
        for (ChorusService service : ChorusService.values()) {
            URI base = model.baseUrls().get(service);
            if (service.servesApi()) {
                out.append(String.format(
                        Locale.ROOT,
                        "  %-19s %-28s Swagger UI %s%n",
                        service.artifactId(),
                        base.resolve("/api"),
                        base.resolve("/swagger-ui.html")));
            } else {
                out.append(String.format(
                        Locale.ROOT,
                        "  %-19s %-28s (consumes Kafka; POST /admin/verify, /admin/rebuild as alice)%n",
                        service.artifactId(),
                        base.resolve("/actuator")));
            }
        }
        out.append(String.format(
                Locale.ROOT,
                "  %-19s %s  (also /actuator/prometheus, /actuator/info; on every service)%n",
                "health",
                model.baseUrls().get(ChorusService.COMMAND).resolve("/actuator/health")));
        out.append(String.format(
                Locale.ROOT,
                "  %-19s %s{%s,%s}  user postgres, password postgres%n",
                "PostgreSQL",
                model.postgresJdbcUrlPrefix(),
                LocalStack.EVENTS_DATABASE,
                LocalStack.READ_DATABASE));
        out.append(String.format(Locale.ROOT, "  %-19s %s%n", "Kafka", model.kafkaBootstrapServers()));
        out.append(nl);
        out.append("Bearer tokens of demo users (HS256, valid ")
                .append(TokenMinter.DEMO_TOKEN_LIFETIME.toDays())
                .append(" days; in Swagger UI press Authorize and paste one):")
                .append(nl);
        model.tokens()
                .forEach((user, token) -> out.append(
                        String.format(Locale.ROOT, "  %-16s %s%n", user.name() + " (user " + user.id() + ")", token)));
        out.append(nl);
        if (model.seeded() != null) {
            out.append(String.format(
                    Locale.ROOT,
                    "Seeded %d conversations with %d messages (users 1-%d).%n",
                    model.seeded().conversations(),
                    model.seeded().messages(),
                    DemoUsers.ALL.size()));
        }
        out.append("Try it (alice's inbox):").append(nl);
        out.append("  ").append(curlLine(model)).append(nl);
        out.append(nl);
        out.append("Logs: ")
                .append(model.logsDir())
                .append(" (one file per service, dev-stack.log for PostgreSQL and Kafka)")
                .append(nl);
        out.append("Data: ")
                .append(model.dataDir())
                .append(" (kept across restarts; --reset starts empty)")
                .append(nl);
        out.append("Press Ctrl-C to stop.").append(nl);
        return out.toString();
    }
}
