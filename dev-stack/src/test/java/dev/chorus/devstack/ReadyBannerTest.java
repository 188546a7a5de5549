package dev.chorus.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.chorus.devstack.DemoUsers.DemoUser;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadyBannerTest {

    private static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256";

    private final TokenMinter minter = new TokenMinter(SECRET, Clock.systemUTC());

    @Test
    void printsEveryServiceTokenAndAPastableCurlLineThatReadBackToTheSameValues() throws Exception {
        ReadyBanner.Model model = model(null);

        String printed = ReadyBanner.render(model);
        PrintedBanner parsed = PrintedBanner.parse(printed.lines().toList());

        assertThat(parsed.url("command-service")).isEqualTo(URI.create("http://localhost:8081"));
        assertThat(parsed.url("query-service")).isEqualTo(URI.create("http://localhost:8082"));
        assertThat(parsed.url("projection-service")).isEqualTo(URI.create("http://localhost:8083"));
        assertThat(parsed.tokensByUser()).containsOnlyKeys("alice", "bob", "carol");
        assertThat(parsed.tokensByUser()).isEqualTo(namesToTokens(model));
        assertThat(printed).contains("Swagger UI http://localhost:8081/swagger-ui.html");
        assertThat(printed).contains("jdbc:postgresql://localhost:5999/{chorus_events,chorus_read}");
        assertThat(printed).contains("ready in 42.5 s").contains("Press Ctrl-C to stop.");
        assertThat(printed).doesNotContain("Seeded");
        assertThat(parsed.curlLine())
                .isEqualTo("curl -s -H 'Authorization: Bearer " + parsed.token("alice")
                        + "' http://localhost:8082/api/inbox");
    }

    @Test
    void theCurlLineCarriesAliceTokenSignedWithTheStackSecret() throws Exception {
        String curl = ReadyBanner.curlLine(model(null));
        String token = curl.substring(curl.indexOf("Bearer ") + 7, curl.indexOf("' "));

        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.verify(new MACVerifier(SECRET.getBytes()))).isTrue();
        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(claims.path("sub").asText()).isEqualTo("1");
    }

    @Test
    void mentionsSeededDataOnlyWhenSeeded() {
        String printed = ReadyBanner.render(model(new DemoSeeder.Summary(3, 54)));

        assertThat(printed).contains("Seeded 3 conversations with 54 messages (users 1-5).");
    }

    private ReadyBanner.Model model(DemoSeeder.Summary seeded) {
        Map<ChorusService, URI> urls = new LinkedHashMap<>();
        for (ChorusService service : ChorusService.values()) {
            urls.put(service, URI.create("http://localhost:" + service.defaultPort()));
        }
        Map<DemoUser, String> tokens = new LinkedHashMap<>();
        for (DemoUser user : DemoUsers.WITH_PRINTED_TOKEN) {
            tokens.put(user, minter.mint(user.id()));
        }
        return new ReadyBanner.Model(
                urls,
                tokens,
                "jdbc:postgresql://localhost:5999/",
                "127.0.0.1:9999",
                Path.of("/data"),
                Path.of("/data/logs"),
                Duration.ofMillis(42_500),
                seeded);
    }

    private static Map<String, String> namesToTokens(ReadyBanner.Model model) {
        Map<String, String> byName = new LinkedHashMap<>();
        model.tokens().forEach((user, token) -> byName.put(user.name(), token));
        return byName;
    }
}
